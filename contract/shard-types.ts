/** Shards of a score run (`score --shard K/N`) and their merge. */

export const SHARD_MANIFEST_FORMAT = 'ensemble-studio/shard@1';

/** Written beside each part as `<part>.shard.json`. */
export interface ShardManifest {
  format: typeof SHARD_MANIFEST_FORMAT;
  /** Content hash of the spec that scored it. */
  ensembleHash: string;
  /** The input file: size, modification time and a hash of its bytes. */
  input: { path: string; size: number; sha256: string };
  index: number;
  count: number;
  /** The data rows [firstRow, firstRow + rows) of the input. */
  firstRow: number;
  rows: number;
  /** The data rows of the whole input. */
  totalRows: number;
  /** The part file's sha256 and output format. */
  sha256: string;
  outputFormat: string;
}

export interface ShardMerged {
  output: string;
  rows: number;
  sha256: string;
  parts: number;
}
