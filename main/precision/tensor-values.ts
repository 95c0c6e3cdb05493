/**
 * A tensor's values, safe for models parsed from a Node Buffer. main/model/onnx-tensor.ts's
 * readTensor copies raw_data with `.slice()`, which for a Buffer (what fs.readFile returns, and so
 * what prepareModel hands over) is a VIEW into Node's shared pool, so it then reads the wrong bytes.
 * Copying raw_data into a plain Uint8Array first makes `.slice()` a real copy.
 * (Reported to the lead: the fix belongs in readTensor.)
 */
import { clone } from '@bufbuild/protobuf';
import { TensorProtoSchema } from 'onnx-buf';
import type { TensorProto } from '../model/onnx-proto';
import { readTensor, type TensorValues } from '../model/onnx-tensor';

export function tensorValues(tensor: TensorProto): TensorValues {
  if (tensor.rawData.length === 0) return readTensor(tensor);
  const copy = clone(TensorProtoSchema, tensor);
  copy.rawData = Uint8Array.from(tensor.rawData);
  return readTensor(copy);
}
