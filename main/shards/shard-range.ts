/** Which data rows shard K of N scores: [⌊(K−1)·R/N⌋, ⌊K·R/N⌋) of the file's R rows, in order. */
export interface ShardRange {
  firstRow: number;
  rows: number;
}

export function shardRange(index: number, count: number, totalRows: number): ShardRange {
  if (!Number.isInteger(index) || !Number.isInteger(count) || index < 1 || index > count) {
    throw new RangeError(`shard ${index}/${count}: the shard number must be between 1 and ${count}`);
  }
  // BigInt: (K−1)·R overflows float64's exact integers once R·N passes 2^53.
  const at = (k: number) => Number((BigInt(k) * BigInt(totalRows)) / BigInt(count));
  const firstRow = at(index - 1);
  return { firstRow, rows: at(index) - firstRow };
}
