/** An append-only Float64Array that doubles as it grows: whole-file buffers without per-row objects. */
export class GrowableFloat64 {
  private buffer: Float64Array;
  length = 0;

  constructor(initial = 4096) {
    this.buffer = new Float64Array(initial);
  }

  append(values: Float64Array): void {
    if (this.length + values.length > this.buffer.length) {
      let size = this.buffer.length;
      while (size < this.length + values.length) size *= 2;
      const grown = new Float64Array(size);
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(values, this.length);
    this.length += values.length;
  }

  /** A view of what was appended (shares memory until the next append). */
  view(): Float64Array {
    return this.buffer.subarray(0, this.length);
  }
}
