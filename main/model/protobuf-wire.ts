/**
 * Protobuf's wire format, read field by field without decoding: what the model outline and the
 * graph splice need to copy the fields they do not change byte for byte. Throws WireError on
 * bytes that are not a well-formed message (callers then leave the bytes to the full parser,
 * whose errors say what is wrong).
 */
import { ByteBuffer } from '../binary/byte-buffer';

export class WireError extends Error {}

/** One field of a message: its number and wire type, and where its tag, value and end are. */
export interface WireField {
  field: number;
  wireType: number;
  /** Offset of the field's tag: bytes [start, end) are the whole field, tag included. */
  start: number;
  /** Offset of the value; for length-delimited fields, of the payload after the length. */
  valueStart: number;
  end: number;
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/**
 * Reads the field whose tag is at `pos` into `into` (reused from field to field: a forest's
 * attributes hold millions of fields) and returns the offset after it.
 */
export function readField(bytes: Uint8Array, pos: number, end: number, into: WireField): number {
  into.start = pos;
  let tag = bytes[pos++]!;
  if (tag >= 0x80) {
    pos = readVarint(bytes, pos - 1, end);
    tag = varintValue;
  }
  const field = Math.floor(tag / 8);
  const wireType = tag % 8;
  if (field === 0) throw new WireError('field number 0');
  into.field = field;
  into.wireType = wireType;
  into.valueStart = pos;
  if (wireType === VARINT) {
    while (pos < end && bytes[pos]! >= 0x80) pos++;
    pos++;
  } else if (wireType === LENGTH_DELIMITED) {
    let length = bytes[pos++]!;
    if (length >= 0x80) {
      pos = readVarint(bytes, pos - 1, end);
      length = varintValue;
    }
    into.valueStart = pos;
    pos += length;
  } else if (wireType === FIXED64) pos += 8;
  else if (wireType === FIXED32) pos += 4;
  // Groups (3, 4) are not used by ONNX; 6 and 7 do not exist.
  else throw new WireError(`wire type ${wireType}`);
  if (pos > end) throw new WireError('field runs past the end of its message');
  into.end = pos;
  return pos;
}

/** The value of the varint readVarint read last (a number, to avoid allocating a pair). */
let varintValue = 0;

/** Reads the varint at `pos` into varintValue (exact up to 2^53); returns the offset after it. */
function readVarint(bytes: Uint8Array, pos: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw new WireError('varint runs past the end of its message');
    const byte = bytes[pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      varintValue = value;
      return pos;
    }
    scale *= 128;
  }
  throw new WireError('varint longer than ten bytes');
}

/** A fresh WireField to pass to readField. */
export function wireField(): WireField {
  return { field: 0, wireType: 0, start: 0, valueStart: 0, end: 0 };
}

/**
 * Collects a message as a list of byte ranges and new parts, joined once at the end, so that
 * copying a large unchanged field costs one copy.
 */
export class WireWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  /** Appends bytes as they are (a field copied from the original, tag included). */
  raw(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  /** Appends a length-delimited field: tag, length, payload. */
  lengthDelimited(field: number, payload: Uint8Array): void {
    const header = new ByteBuffer(16);
    header.varint(field * 8 + LENGTH_DELIMITED);
    header.varint(payload.length);
    this.raw(header.written());
    this.raw(payload);
  }

  finish(): Uint8Array {
    if (this.parts.length === 1) return this.parts[0]!;
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

/** Whether a field carries a nested message (or string, or packed array) we may walk into. */
export function isLengthDelimited(f: WireField): boolean {
  return f.wireType === LENGTH_DELIMITED;
}
