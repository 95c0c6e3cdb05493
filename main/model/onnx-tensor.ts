/**
 * Build and read TensorProto values (initializers, Constant and attribute tensors).
 *
 * ONNX stores tensor data either in `raw_data` (little-endian bytes, what converters and
 * torch.onnx write) or in typed repeated fields; readers must accept both, writers here always
 * use `raw_data` because it is compact and what ONNX Runtime reads fastest. Every platform
 * Node and ONNX Runtime ship on is little-endian, so typed-array views match the file's bytes.
 */
import { create } from '@bufbuild/protobuf';
import { TensorProtoSchema, TensorProto_DataLocation } from 'onnx-buf';
import { DataType, elementTypeName, type TensorProto } from './onnx-proto';

/** Tensor contents. float16 and bfloat16 are their raw 16-bit patterns; bool is 0/1 bytes. */
export type TensorValues =
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | string[];

type NumericArray = Exclude<TensorValues, string[]>;
type ArrayCtor = {
  new (buffer: ArrayBuffer, offset: number, length: number): NumericArray;
  BYTES_PER_ELEMENT: number;
};

/** The typed array that holds each element type's values (raw bits for 16-bit floats). */
const ARRAY_OF: Partial<Record<DataType, ArrayCtor>> = {
  [DataType.FLOAT]: Float32Array,
  [DataType.DOUBLE]: Float64Array,
  [DataType.INT64]: BigInt64Array,
  [DataType.UINT64]: BigUint64Array,
  [DataType.INT32]: Int32Array,
  [DataType.UINT32]: Uint32Array,
  [DataType.INT16]: Int16Array,
  [DataType.UINT16]: Uint16Array,
  [DataType.INT8]: Int8Array,
  [DataType.UINT8]: Uint8Array,
  [DataType.BOOL]: Uint8Array,
  [DataType.FLOAT16]: Uint16Array,
  [DataType.BFLOAT16]: Uint16Array,
};

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

export function elementCount(tensor: TensorProto): number {
  return tensor.dims.reduce((n, d) => n * Number(d), 1);
}

/** A tensor with its data in raw_data (strings in string_data, as ONNX requires). */
export function makeTensor(
  name: string,
  dataType: DataType,
  dims: readonly number[],
  values: TensorValues,
): TensorProto {
  const count = dims.reduce((n, d) => n * d, 1);
  if (values.length !== count) {
    throw new Error(`tensor '${name}': ${values.length} values for shape [${dims.join(',')}]`);
  }
  const tensor = create(TensorProtoSchema, { name, dataType, dims: dims.map((d) => BigInt(d)) });
  if (Array.isArray(values)) {
    if (dataType !== DataType.STRING)
      throw new Error(`tensor '${name}': strings given for ${elementTypeName(dataType)}`);
    tensor.stringData = values.map((s) => utf8Encoder.encode(s));
    return tensor;
  }
  const ctor = ARRAY_OF[dataType];
  if (!ctor || !(values instanceof ctor)) {
    throw new Error(
      `tensor '${name}': ${values.constructor.name} does not hold ${elementTypeName(dataType)}`,
    );
  }
  // Copy: raw_data must own exactly these bytes, not a view into a larger buffer.
  const raw = new Uint8Array(values.byteLength);
  raw.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  tensor.rawData = raw;
  return tensor;
}

/** The tensor's values, from raw_data or the typed fields, whichever the file used. */
export function readTensor(tensor: TensorProto): TensorValues {
  const where = tensor.name ? `tensor '${tensor.name}'` : 'tensor';
  if (tensor.dataLocation === TensorProto_DataLocation.EXTERNAL) {
    throw new Error(`${where} keeps its data in an external file, which is not supported`);
  }
  const count = elementCount(tensor);
  if (tensor.dataType === DataType.STRING) return tensor.stringData.map((s) => utf8.decode(s));
  const ctor = ARRAY_OF[tensor.dataType as DataType];
  if (!ctor) throw new Error(`${where}: element type ${elementTypeName(tensor.dataType)} cannot be read`);
  if (tensor.rawData.length > 0) {
    if (tensor.rawData.length !== count * ctor.BYTES_PER_ELEMENT) {
      throw new Error(`${where}: ${tensor.rawData.length} bytes of data for ${count} elements`);
    }
    // Copy into a fresh, aligned buffer: raw_data may sit at any offset of the file's buffer.
    // Uint8Array.prototype.slice: a Buffer's own slice() would be a view into a shared pool.
    const bytes = Uint8Array.prototype.slice.call(tensor.rawData);
    return new ctor(bytes.buffer, 0, count);
  }
  const values = typedFieldValues(tensor);
  if (values.length !== count) throw new Error(`${where}: ${values.length} values for ${count} elements`);
  const out = new ctor(new ArrayBuffer(count * ctor.BYTES_PER_ELEMENT), 0, count);
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    values.forEach((v, i) => (out[i] = BigInt(v)));
  } else {
    values.forEach((v, i) => (out[i] = Number(v)));
  }
  return out;
}

/** The typed repeated field each element type uses when raw_data is empty (onnx.proto's table). */
function typedFieldValues(tensor: TensorProto): readonly (number | bigint)[] {
  switch (tensor.dataType as DataType) {
    case DataType.FLOAT:
      return tensor.floatData;
    case DataType.DOUBLE:
      return tensor.doubleData;
    case DataType.INT64:
      return tensor.int64Data;
    case DataType.UINT32:
    case DataType.UINT64:
      return tensor.uint64Data;
    default:
      // int32, int16, int8, uint16, uint8, bool, float16 and bfloat16 bits all live in int32_data.
      return tensor.int32Data;
  }
}
