/** Shards of a score run (`score --shard K/N`) and their merge. */

export const SHARD_MANIFEST_FORMAT = 'ensemble-studio/shard@1';

/** Written beside each part as `<part>.shard.json`, together with the part, when its run succeeds. */
export interface ShardManifest {
  format: typeof SHARD_MANIFEST_FORMAT;
  /**
   * sha256 over the spec's canonical JSON and every member model's sha256: parts scored with the
   * same spec and the same model bytes agree, wherever the files lay.
   */
  ensembleHash: string;
  /**
   * The input file: its size and the sha256 of all its bytes (no modification time, so copies of
   * the file on different machines agree). The path is where this part's run read it, for messages.
   */
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
  outputFormat: 'csv' | 'tsv' | 'jsonl';
  /**
   * The history run that scored it. With `--label`, its metrics are this part's alone: the merged
   * file's metrics are not the average of the parts' (evaluate the merged rows for those).
   */
  runId: number;
}

export interface ShardMerged {
  output: string;
  rows: number;
  sha256: string;
  parts: number;
}
