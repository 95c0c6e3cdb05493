/** Messages between the scoring thread and the write-behind worker (main/data/write-behind.ts). */
import type { OutputColumn } from '../../contract/data-types';
import type { StudioErrorPayload } from '../../contract/errors';
import type { OutputFormat } from './format';
import type { ResumePoint, WrittenSoFar } from './written-so-far';

export interface WriteBehindStart {
  path: string;
  format: OutputFormat;
  escapeFormulas: boolean;
  /** A text output tracked for checkpoints: each write's answer says what is in the file so far. */
  track?: { resume?: ResumePoint };
}

export type ToWriter =
  | { type: 'write'; columns: OutputColumn[] }
  | { type: 'finish' }
  | { type: 'abort' }
  /** Close and keep the partial file (a tracked output, for a later resume). */
  | { type: 'close' };

/** Each `write`, `finish` and `abort` is answered once, in order. */
export type FromWriter =
  { type: 'ok'; written?: WrittenSoFar } | { type: 'error'; error: StudioErrorPayload };
