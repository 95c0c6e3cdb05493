/**
 * The ZipMap rewrite, checked with the real onnxruntime-node against references computed
 * elsewhere: scikit-learn's predict_proba (expected.json) and the classifier's own coefficients.
 */
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { getFloats, parseModel, type NodeProto } from '../../../main/model/onnx-proto';
import { prepareModel, prepareModelBytes } from '../../../main/model/zipmap-rewrite';
import { expectedFor, fixtureBytes, fixturePath, maxAbsDiff, rowMatrix, type FixtureName } from './fixtures';

const sessions: ort.InferenceSession[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.release()));
});

async function score(name: FixtureName): Promise<ort.InferenceSession.OnnxValueMapType> {
  const prepared = await prepareModel(fixturePath(name));
  const session = await ort.InferenceSession.create(prepared.bytes, { intraOpNumThreads: 1 });
  sessions.push(session);
  const expected = expectedFor(name);
  const { data, dims } = rowMatrix(expected.rows);
  return session.run({ [expected.input]: new ort.Tensor('float32', data, dims) });
}

function labelsOf(tensor: ort.Tensor | undefined): string[] {
  return Array.from(tensor?.data as ArrayLike<unknown>, (v) => String(v));
}

describe.each<FixtureName>(['logreg_cancer_zipmap_int', 'logreg_iris_zipmap_str', 'forest_wine_zipmap'])(
  '%s rewritten for onnxruntime-node',
  (name) => {
    it('returns an [N,C] float tensor equal to scikit-learn predict_proba, and the same labels', async () => {
      const expected = expectedFor(name);
      const out = await score(name);
      const probabilities = out.output_probability;
      expect(probabilities?.type).toBe('float32');
      expect(probabilities?.data).toBeInstanceOf(Float32Array);
      expect(probabilities?.dims).toEqual([expected.rows.length, expected.classes?.length]);
      expect(maxAbsDiff(probabilities?.data as Float32Array, expected.probabilities ?? [])).toBeLessThan(
        1e-5,
      );
      expect(labelsOf(out.output_label)).toEqual(expected.label);
    });

    it('keeps everything but the ZipMap node and the output type', () => {
      const bytes = fixtureBytes(name);
      const prepared = prepareModelBytes(bytes, 'm.onnx');
      const before = parseModel(bytes);
      const after = parseModel(prepared.bytes);
      const ops = (nodes: NodeProto[] | undefined) => nodes?.map((n) => n.opType);
      expect(ops(after.graph?.node)).toEqual(
        ops(before.graph?.node)?.map((op) => (op === 'ZipMap' ? 'Identity' : op)),
      );
      expect(after.graph?.output.map((o) => o.name)).toEqual(['output_label', 'output_probability']);
      expect(after.opsetImport).toEqual(before.opsetImport);
      expect(after.metadataProps).toEqual(before.metadataProps);
      // ModelInfo describes the file, not the rewrite; the labels ZipMap held are kept there.
      expect(prepared.info.sizeBytes).toBe(bytes.length);
      expect(prepared.info.detected.classes).toEqual(expectedFor(name).classes);
      expect(prepared.info.outputs[1]?.valueKind).toBe('tensor');
    });
  },
);

describe('rewrite details', () => {
  it('matches probabilities computed from the Scaler and LinearClassifier attributes', async () => {
    // An independent reference from the model's own numbers: p = sigmoid(w·((x - offset)·scale) + b).
    const graph = parseModel(fixtureBytes('logreg_cancer_zipmap_int')).graph;
    const scaler = graph?.node.find((n) => n.opType === 'Scaler');
    const linear = graph?.node.find((n) => n.opType === 'LinearClassifier');
    if (!scaler || !linear) throw new Error('fixture lacks its nodes');
    const offset = getFloats(scaler, 'offset') ?? [];
    const scale = getFloats(scaler, 'scale') ?? [];
    const coefficients = getFloats(linear, 'coefficients') ?? [];
    const intercepts = getFloats(linear, 'intercepts') ?? [];
    const width = offset.length;
    const expected = expectedFor('logreg_cancer_zipmap_int').rows.map((row) => {
      // The second coefficient row is the positive class (the converter's binary trick stores (-w, w)).
      let z = intercepts[1] ?? 0;
      row.forEach((x, j) => (z += (coefficients[width + j] ?? 0) * (x - (offset[j] ?? 0)) * (scale[j] ?? 0)));
      const p = 1 / (1 + Math.exp(-z));
      return [1 - p, p];
    });
    const out = await score('logreg_cancer_zipmap_int');
    expect(maxAbsDiff(out.output_probability?.data as Float32Array, expected)).toBeLessThan(1e-5);
  });

  it('leaves models without ZipMap byte for byte as they are', () => {
    const bytes = fixtureBytes('forest_wine_tensor');
    const prepared = prepareModelBytes(bytes, 'forest.onnx');
    expect(prepared.bytes).toBe(bytes);
    expect(prepared.info.detected.zipMapRewritten).toBe(false);
  });

  it('keeps fields unknown to this ONNX version through the rewrite', () => {
    const unknown = Uint8Array.of(0x98, 0x06, 0x2a); // field 99, varint 42, appended to ModelProto
    const bytes = Buffer.concat([fixtureBytes('logreg_iris_zipmap_str'), unknown]);
    const prepared = prepareModelBytes(bytes, 'm.onnx');
    expect(prepared.info.detected.zipMapRewritten).toBe(true);
    expect(Buffer.from(prepared.bytes.subarray(-3))).toEqual(Buffer.from(unknown));
  });
});
