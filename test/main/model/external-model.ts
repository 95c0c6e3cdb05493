/**
 * A small regression model whose weights live in a separate file, as ONNX writes large models:
 * `y = x · W` with W [2,1] stored at an offset of `weights.bin` (`data_location = EXTERNAL`).
 * Written with the project's own ONNX writer, so the tests need no Python.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { TensorProtoSchema, TensorProto_DataLocation as DataLocation } from 'onnx-buf';
import {
  DataType,
  makeGraph,
  makeModel,
  makeNode,
  makeTensorValueInfo,
  serializeModel,
} from '../../../main/model/onnx-proto';

export const WEIGHTS = [2, -3];
/** Bytes before the weights in the data file, so a reader that ignores `offset` gets wrong values. */
const PADDING = 16;

/**
 * Writes `<dir>/<name>` and, unless `location` points elsewhere, `<dir>/weights.bin` with the
 * weights at offset 16.
 */
export function writeExternalModel(
  dir: string,
  options: { name?: string; location?: string; writeData?: boolean; length?: number } = {},
): string {
  const location = options.location ?? 'weights.bin';
  const data = new Uint8Array(PADDING + WEIGHTS.length * 4);
  new DataView(data.buffer).setUint32(0, 0xdeadbeef, true);
  const view = new DataView(data.buffer, PADDING);
  WEIGHTS.forEach((w, i) => view.setFloat32(i * 4, w, true));
  if (options.writeData ?? true) writeFileSync(join(dir, 'weights.bin'), data);

  const weight = create(TensorProtoSchema, {
    name: 'W',
    dims: [2n, 1n],
    dataType: DataType.FLOAT,
    dataLocation: DataLocation.EXTERNAL,
    externalData: [
      { key: 'location', value: location },
      { key: 'offset', value: String(PADDING) },
      { key: 'length', value: String(options.length ?? WEIGHTS.length * 4) },
    ],
  });
  const graph = makeGraph({
    name: 'external',
    nodes: [makeNode('MatMul', ['x', 'W'], ['variable'])],
    inputs: [makeTensorValueInfo('x', DataType.FLOAT, [null, 2])],
    outputs: [makeTensorValueInfo('variable', DataType.FLOAT, [null, 1])],
    initializers: [weight],
  });
  const path = join(dir, options.name ?? 'external.onnx');
  writeFileSync(path, serializeModel(makeModel(graph, { opsets: { '': 13 } })));
  return path;
}
