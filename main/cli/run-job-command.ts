/**
 * Runs one job from the command line: start it, show progress, turn Ctrl-C into a cancel, and
 * map the outcome to an exit code (0 done, 1 failed, 130 cancelled).
 */
import type { Engine } from '../engine/create-engine';
import type { JobFinished, JobStarted } from '../../contract/contract';
import { ProgressLine } from './progress-line';

export const EXIT_CANCELLED = 130;

export async function runJobCommand(
  engine: Engine,
  start: () => Promise<JobStarted>,
  quiet: boolean,
): Promise<JobFinished> {
  const line = new ProgressLine();
  const started = await start();
  const off = engine.on('job.progress', (p) => {
    if (p.jobId === started.jobId && !quiet) line.update(p);
  });
  const onSigint = () => {
    void engine.handlers['jobs.cancel']({ jobId: started.jobId });
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    return await engine.waitForJob(started.jobId);
  } finally {
    off();
    line.clear();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
