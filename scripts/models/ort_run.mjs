// Runs one ONNX model with onnxruntime-node for the Python generators in this folder, which
// check every model against scikit-learn / PyTorch before they write expected values.
// Usage: node scripts/models/ort_run.mjs MANIFEST.json
// The manifest names the model, its inputs (raw little-endian files) and the outputs to fetch;
// each output is written next to the manifest as NAME.bin plus a JSON line of its type and shape.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';

const arrays = {
  float32: Float32Array,
  float64: Float64Array,
  int64: BigInt64Array,
};

const manifestPath = process.argv[2];
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const dir = dirname(manifestPath);
const session = await ort.InferenceSession.create(manifest.model, { intraOpNumThreads: 1 });
const feeds = {};
for (const input of manifest.inputs) {
  const bytes = readFileSync(join(dir, input.file));
  const Ctor = arrays[input.type];
  const data = new Ctor(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  feeds[input.name] = new ort.Tensor(input.type, data, input.shape);
}
const results = await session.run(feeds, manifest.outputs);
const described = {};
manifest.outputs.forEach((name, i) => {
  const tensor = results[name];
  const file = `out${i}.bin`;
  if (tensor.type === 'string') {
    writeFileSync(join(dir, file), JSON.stringify(tensor.data));
  } else {
    const data = tensor.data;
    writeFileSync(join(dir, file), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  described[name] = { file, type: tensor.type, dims: tensor.dims };
});
writeFileSync(join(dir, 'outputs.json'), JSON.stringify(described));
