/**
 * Feeds → ONNX Runtime tensors, the one place the app's typed arrays become `ort.Tensor`s.
 *
 * onnxruntime-node's Tensor constructor is overloaded per element type, so a type and data that
 * are correlated only at run time do not fit any one overload. Checking the data's class for each
 * type lets TypeScript pick the overload without a cast, and turns a mismatch (a bug in building
 * feeds) into a plain error instead of a garbled tensor.
 */
import * as ort from 'onnxruntime-node';
import { StudioError } from '../../contract/errors';

/** Element types the app feeds to models. */
export type TensorType = 'float32' | 'float64' | 'int64' | 'string' | 'bool';

/** What each element type is held in: bool as one byte per element (0 or 1), as ONNX Runtime takes it. */
export type TensorData = Float32Array | Float64Array | BigInt64Array | Uint8Array | readonly string[];

/** One input as the app builds it; a member's FeedTensor is one. */
export interface TensorInput {
  type: TensorType;
  data: TensorData;
  dims: readonly number[];
}

export function toTensor(input: TensorInput, name = 'input'): ort.Tensor {
  const { type, data, dims } = input;
  const expected = dims.reduce((n, d) => n * d, 1);
  if (data.length !== expected) {
    throw new StudioError(
      'internal',
      `input '${name}': ${data.length} values do not fill shape [${dims.join(', ')}]`,
    );
  }
  switch (type) {
    case 'float32':
      if (data instanceof Float32Array) return new ort.Tensor('float32', data, dims);
      break;
    case 'float64':
      if (data instanceof Float64Array) return new ort.Tensor('float64', data, dims);
      break;
    case 'int64':
      if (data instanceof BigInt64Array) return new ort.Tensor('int64', data, dims);
      break;
    case 'bool':
      if (data instanceof Uint8Array) return new ort.Tensor('bool', data, dims);
      break;
    case 'string':
      if (isStringArray(data)) return new ort.Tensor('string', data, dims);
      break;
  }
  throw new StudioError(
    'internal',
    `input '${name}' is of type ${type} but holds a ${data.constructor.name}`,
  );
}

/** Every input of one run, by input name. */
export function toFeeds(inputs: Readonly<Record<string, TensorInput>>): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, input] of Object.entries(inputs)) feeds[name] = toTensor(input, name);
  return feeds;
}

function isStringArray(data: TensorData): data is readonly string[] {
  return Array.isArray(data);
}
