import type { JobProgress } from '../../contract/contract';

/** What a job gets from the host: its id, a cancel signal, and where progress goes. */
export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  progress(progress: JobProgress): void;
}
