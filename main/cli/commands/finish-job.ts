/** Prints a finished job (JSON or text) and picks the exit code. */
import type { JobFinished } from '../../../preload/contract';
import { StudioError } from '../../errors';
import { EXIT_CANCELLED } from '../run-job-command';
import { describeRun, type PrintableResult } from '../print-result';

export function finishJobCommand(finished: JobFinished, verb: string, json: boolean): number {
  if (finished.status === 'cancelled') {
    process.stderr.write(`${finished.error?.message ?? 'Cancelled'} (run #${finished.runId})\n`);
    return EXIT_CANCELLED;
  }
  if (finished.status === 'failed') {
    // The CLI's error handler prints the one-line message.
    throw new StudioError(
      finished.error?.code ?? 'internal',
      finished.error?.message ?? 'failed',
      finished.error?.location,
      finished.error?.detail,
    );
  }
  const result = finished.result as PrintableResult;
  if (json) {
    process.stdout.write(JSON.stringify(finished.result, null, 2) + '\n');
  } else {
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    process.stdout.write(describeRun(verb, { ...result, warnings: [] }) + '\n');
  }
  return 0;
}
