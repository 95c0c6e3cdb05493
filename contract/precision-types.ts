/** The precision report as plain data: shared by the host, the CLI and the UI. */
export interface ModelTiming {
  sizeBytes: number;
  rowsPerSec: number;
}

export interface PrecisionReport {
  output: string;
  rows: number;
  original: ModelTiming;
  variant: ModelTiming;
  /** variant size / original size. */
  sizeRatio: number;
  maxAbsDiff: number;
  /** Share of rows with the same prediction; null for regression values. */
  agreement: number | null;
  accuracy: { original: number; variant: number; change: number } | null;
}
