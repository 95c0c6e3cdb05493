import type { OutputColumn } from '../../contract/data-types';

/**
 * How much of a text output is written, and a hash of exactly those bytes: what a checkpoint
 * records so a resumed run can check the partial file and continue it (main/shards/checkpoint.ts).
 */
export interface WrittenSoFar {
  bytes: number;
  /** sha256 (hex) of the first `bytes` bytes. */
  sha256: string;
}

/** A text writer continuing a partial file: it is cut to `bytes`, which must hash to `sha256`. */
export type ResumePoint = WrittenSoFar;

/** Tracking for the text writers: a resume point, and a callback after each chunk is written. */
export interface TrackOptions {
  resume?: ResumePoint;
  /** Called after each write() with what is in the file so far (never for the header alone). */
  onWritten?: (written: WrittenSoFar) => void;
}

/** A text writer that can stop and keep its partial file, for a later resume. */
export interface ResumableWriter {
  write(columns: readonly OutputColumn[]): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
  /** Closes the file and keeps what was written. Never throws. */
  close(): Promise<void>;
}
