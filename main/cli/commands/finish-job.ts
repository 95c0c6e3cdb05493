/** Prints a finished job (JSON, or its kind's text) and picks the exit code. */
import type { FinishedJobResult, JobFinished, JobKind, JobRequestOf } from '../../../contract/contract';
import { errorFromPayload, StudioError } from '../../../contract/errors';
import { jobKinds } from '../../jobs/kinds';
import { EXIT_CANCELLED } from '../run-job-command';

export function finishJobCommand<K extends JobKind>(
  kind: K,
  finished: JobFinished,
  request: JobRequestOf<K>,
  json: boolean,
): number {
  if (finished.status !== 'succeeded') {
    if (finished.status === 'cancelled') {
      process.stderr.write(`${finished.error.message} (run #${finished.runId})\n`);
      return EXIT_CANCELLED;
    }
    // The CLI's error handler prints the one-line message.
    throw errorFromPayload(finished.error);
  }
  const result = finished.result;
  if (json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  }
  if (!isResultOf(kind, result)) {
    throw new StudioError('internal', `a ${kind} job finished with a ${result.kind} result`);
  }
  const cli = jobKinds[kind].cli;
  if (cli.warningsOnStderr) for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  process.stdout.write(cli.text(result, request, cli.verb) + '\n');
  return 0;
}

function isResultOf<K extends JobKind>(
  kind: K,
  result: FinishedJobResult | FinishedJobResult<K>,
): result is FinishedJobResult<K> {
  return result.kind === kind;
}
