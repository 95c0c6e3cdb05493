/**
 * A model's outline: its bytes without the bulk that inspection never reads (a tree ensemble's
 * node arrays, a network's weights), so that it parses in a few milliseconds. A 40-tree forest
 * trained on 20,000 rows is a 5.8 MB model; the protobuf library took ~400 ms to parse it and
 * ~150 ms to write it back after the ZipMap rewrite, more than the rest of a job's start.
 *
 * What is dropped, from an attribute or tensor longer than KEEP_BYTES only:
 * - attribute values `s`, `floats`, `ints`, `strings`, except class labels (`classlabels_*`,
 *   which inspection reads) — names, types, tensors and subgraphs are kept (tensors outlined);
 * - tensor data (`float_data`, `int32_data`, `string_data`, `int64_data`, `raw_data`,
 *   `double_data`, `uint64_data`) — names, shapes, types and external-data locations are kept.
 * Everything else is copied byte for byte, in order, so node, input, output and initializer
 * positions match the original's (graph-splice.ts relies on that).
 *
 * The outline is for reading (inspection, the ZipMap rewrite's decisions). Bytes that ONNX Runtime
 * gets are the original's, or the original's with the rewrite spliced in.
 */
import { WireError, WireWriter, isLengthDelimited, readField, wireField } from './protobuf-wire';

/** Attributes and tensors up to this size are copied whole: parsing them costs nothing. */
const KEEP_BYTES = 1024;

type Outliner = (bytes: Uint8Array, start: number, end: number) => Uint8Array | null;

/** Drops the field, whatever its wire type. */
const DROP: Outliner = () => null;

/** What to do with each field number of a message: outline it, drop it, or (unlisted) copy it. */
type Plan = readonly (Outliner | undefined)[];

function plan(entries: Record<number, Outliner>): Plan {
  const table: (Outliner | undefined)[] = [];
  for (const [field, outliner] of Object.entries(entries)) table[Number(field)] = outliner;
  return table;
}

// Field numbers of onnx.proto3.
const ATTRIBUTE_NAME = 1;
const MODEL: Plan = plan({ 7: outlineGraph });
const GRAPH: Plan = plan({ 1: outlineNode, 5: outlineTensor });
const NODE: Plan = plan({ 5: outlineAttribute });
// s, floats, ints and strings dropped; t and tensors outlined; g and graphs outlined.
const ATTRIBUTE: Plan = plan({
  4: DROP,
  7: DROP,
  8: DROP,
  9: DROP,
  5: outlineTensor,
  10: outlineTensor,
  6: outlineGraph,
  11: outlineGraph,
});
// float_data, int32_data, string_data, int64_data, raw_data, double_data, uint64_data.
const TENSOR: Plan = plan({ 4: DROP, 5: DROP, 6: DROP, 7: DROP, 9: DROP, 10: DROP, 11: DROP });

/**
 * The outline of model bytes, or the bytes themselves when they are not a well-formed message
 * (the full parser then says what is wrong with them).
 */
export function outlineModelBytes(bytes: Uint8Array): Uint8Array {
  try {
    return outlineMessage(bytes, 0, bytes.length, MODEL);
  } catch (error) {
    if (error instanceof WireError) return bytes;
    throw error;
  }
}

/**
 * Copies a message field by field, as its plan says: a field with an outliner is replaced by its
 * outline (a null outline drops it); runs of unchanged fields are copied as they are.
 */
function outlineMessage(bytes: Uint8Array, start: number, end: number, fields: Plan): Uint8Array {
  const out = new WireWriter();
  let copyFrom = start;
  const f = wireField();
  for (let pos = start; pos < end;) {
    pos = readField(bytes, pos, end, f);
    const outliner = fields[f.field];
    // Attribute arrays are unpacked (one field per value) in files written as proto2.
    if (outliner === undefined || (outliner !== DROP && !isLengthDelimited(f))) continue;
    const outlined = outliner(bytes, f.valueStart, f.end);
    if (outlined !== null && outlined.length === f.end - f.valueStart) continue;
    if (f.start > copyFrom) out.raw(bytes.subarray(copyFrom, f.start));
    if (outlined !== null) out.lengthDelimited(f.field, outlined);
    copyFrom = f.end;
  }
  if (copyFrom === start) return bytes.subarray(start, end);
  if (end > copyFrom) out.raw(bytes.subarray(copyFrom, end));
  return out.finish();
}

function outlineGraph(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return outlineMessage(bytes, start, end, GRAPH);
}

function outlineNode(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return outlineMessage(bytes, start, end, NODE);
}

function outlineAttribute(bytes: Uint8Array, start: number, end: number): Uint8Array {
  if (end - start <= KEEP_BYTES || attributeName(bytes, start, end).startsWith('classlabels')) {
    return bytes.subarray(start, end);
  }
  return outlineMessage(bytes, start, end, ATTRIBUTE);
}

function outlineTensor(bytes: Uint8Array, start: number, end: number): Uint8Array {
  if (end - start <= KEEP_BYTES) return bytes.subarray(start, end);
  return outlineMessage(bytes, start, end, TENSOR);
}

const decoder = new TextDecoder();

function attributeName(bytes: Uint8Array, start: number, end: number): string {
  const f = wireField();
  for (let pos = start; pos < end;) {
    pos = readField(bytes, pos, end, f);
    if (f.field === ATTRIBUTE_NAME && isLengthDelimited(f))
      return decoder.decode(bytes.subarray(f.valueStart, f.end));
  }
  return '';
}
