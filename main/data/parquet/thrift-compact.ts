/**
 * Thrift's compact protocol, the writing half: a Parquet file's page headers and footer are Thrift
 * structs in this encoding. Only what Parquet's structs use is here (no maps, sets or doubles).
 *
 * A struct is written field by field in increasing field id, each field's header holding the
 * delta from the previous id; structs nest, so the previous id is kept per open struct.
 */
import { ByteBuffer } from '../../binary/byte-buffer';

/** Compact-protocol type codes of the values Parquet's structs hold. */
export const ThriftType = {
  I32: 5,
  I64: 6,
  BINARY: 8,
  STRUCT: 12,
} as const;
type ElementType = (typeof ThriftType)[keyof typeof ThriftType];

const BOOLEAN_TRUE = 1;
const BOOLEAN_FALSE = 2;
const LIST = 9;
const STOP = 0;

const utf8 = new TextEncoder();

export class CompactWriter {
  private readonly out = new ByteBuffer(1024);
  /** The last field id written in each open struct, innermost last. */
  private readonly lastIds: number[] = [0];

  /** The bytes written: call once the outermost struct is ended. */
  finish(): Uint8Array {
    if (this.lastIds.length !== 1) throw new Error('thrift: a struct is still open');
    return this.out.written();
  }

  /** Ends the outermost struct (the one every writer starts in). */
  endMessage(): this {
    this.byte(STOP);
    return this;
  }

  i32(id: number, value: number): this {
    this.fieldHeader(id, ThriftType.I32);
    this.out.varint(zigzag(value));
    return this;
  }

  /** An i64 given as a number: Parquet's counts and offsets stay far below 2^53. */
  i64(id: number, value: number): this {
    this.fieldHeader(id, ThriftType.I64);
    this.out.varint(zigzag(value));
    return this;
  }

  bool(id: number, value: boolean): this {
    this.fieldHeader(id, value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
    return this;
  }

  binary(id: number, value: Uint8Array): this {
    this.fieldHeader(id, ThriftType.BINARY);
    this.binaryValue(value);
    return this;
  }

  string(id: number, value: string): this {
    return this.binary(id, utf8.encode(value));
  }

  /** A struct field whose own fields `body` writes. */
  struct(id: number, body: (writer: this) => void): this {
    this.fieldHeader(id, ThriftType.STRUCT);
    this.structValue(body);
    return this;
  }

  /** A list field: `item` writes each element's value (for structs, its fields). */
  list<T>(id: number, type: ElementType, items: readonly T[], item: (writer: this, value: T) => void): this {
    this.fieldHeader(id, LIST);
    if (items.length < 15) this.byte((items.length << 4) | type);
    else {
      this.byte(0xf0 | type);
      this.out.varint(items.length);
    }
    for (const value of items) {
      if (type === ThriftType.STRUCT) this.structValue((w) => item(w, value));
      else item(this, value);
    }
    return this;
  }

  /** List elements: an i32 (enums are i32s) or a string. */
  i32Value(value: number): void {
    this.out.varint(zigzag(value));
  }

  stringValue(value: string): void {
    this.binaryValue(utf8.encode(value));
  }

  private structValue(body: (writer: this) => void): void {
    this.lastIds.push(0);
    body(this);
    this.byte(STOP);
    this.lastIds.pop();
  }

  private binaryValue(value: Uint8Array): void {
    this.out.varint(value.length);
    this.out.append(value);
  }

  private fieldHeader(id: number, type: number): void {
    const last = this.lastIds[this.lastIds.length - 1]!;
    const delta = id - last;
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.out.varint(zigzag(id));
    }
    this.lastIds[this.lastIds.length - 1] = id;
  }

  private byte(value: number): void {
    this.out.byte(value);
  }
}

/** Zigzag encoding: small magnitudes of either sign become small unsigned numbers. */
function zigzag(value: number): number {
  if (!Number.isSafeInteger(value)) throw new Error(`thrift: ${value} is not a safe integer`);
  return value >= 0 ? value * 2 : -value * 2 - 1;
}
