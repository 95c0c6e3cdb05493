/** `score`: batch-score a data file with an ensemble. */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput } from '../../../preload/contract';
import { intOption, listOption, parseCommand, requireOption } from '../parse-args';
import { UsageError } from '../usage-error';
import { runJobCommand } from '../run-job-command';
import { finishJobCommand } from './finish-job';

export async function scoreCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      input: { type: 'string' },
      output: { type: 'string' },
      keep: { type: 'string' },
      'keep-all': { type: 'boolean' },
      members: { type: 'boolean' },
      label: { type: 'string' },
      'ignore-unknown-labels': { type: 'boolean' },
      provider: { type: 'string' },
      threads: { type: 'string' },
      'chunk-rows': { type: 'string' },
    },
    'score',
  );
  if (positionals.length > 0) throw new UsageError(`score: unexpected argument "${positionals[0]}"`);
  if (values.keep && values['keep-all']) throw new UsageError('score: use --keep or --keep-all, not both');
  const request = toRequest(() =>
    parseCallInput('jobs.score', {
      ensemble: { specPath: requireOption(values, 'ensemble', 'score') },
      input: requireOption(values, 'input', 'score'),
      output: requireOption(values, 'output', 'score'),
      keep: listOption(values.keep),
      keepAll: values['keep-all'] ?? false,
      members: values.members ?? false,
      label: values.label,
      ignoreUnknownLabels: values['ignore-unknown-labels'] ?? false,
      provider: values.provider ?? 'cpu',
      threads: intOption(values, 'threads', 'score'),
      chunkRows: intOption(values, 'chunk-rows', 'score'),
    }),
  );
  const finished = await runJobCommand(
    engine,
    () => engine.handlers['jobs.score'](request),
    values.json ?? false,
  );
  return finishJobCommand(finished, 'Scored', values.json ?? false);
}

/** Schema failures of command-line values are usage errors (exit 2), not job failures. */
export function toRequest<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/^jobs\.\w+: /, ''));
  }
}
