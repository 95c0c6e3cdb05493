/** Messages between the scoring thread and the write-behind worker (main/data/write-behind.ts). */
import type { OutputColumn } from '../../contract/data-types';
import type { StudioErrorPayload } from '../../contract/errors';
import type { OutputFormat } from './format';

export interface WriteBehindStart {
  path: string;
  format: OutputFormat;
  escapeFormulas: boolean;
}

export type ToWriter = { type: 'write'; columns: OutputColumn[] } | { type: 'finish' } | { type: 'abort' };

/** Each `write`, `finish` and `abort` is answered once, in order. */
export type FromWriter = { type: 'ok' } | { type: 'error'; error: StudioErrorPayload };
