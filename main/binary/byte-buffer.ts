/**
 * A growable byte array, reused from message to message: the Parquet writer builds its pages in
 * one, the protobuf splice its field headers. Little-endian, as both formats are.
 */
export class ByteBuffer {
  bytes: Uint8Array;
  length = 0;
  private view: DataView;

  constructor(capacity = 64 * 1024) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Empties the buffer, keeping its memory. */
  clear(): void {
    this.length = 0;
  }

  /** The bytes written so far (a view: valid until the next write or clear). */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  uint32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  /** Overwrites four bytes written earlier (a length known only after what follows it). */
  setUint32At(offset: number, value: number): void {
    this.view.setUint32(offset, value, true);
  }

  /** An unsigned LEB128 varint of a non-negative integer below 2^53 (arithmetic, not 32-bit shifts). */
  varint(value: number): void {
    this.reserve(8);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.bytes[this.length++] = value;
  }

  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }
}
