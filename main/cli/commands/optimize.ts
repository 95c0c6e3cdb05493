/** `optimize`: greedy weight search or a stacking meta-model, fitted on a labelled hold-out file. */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput } from '../../../preload/contract';
import { intOption, parseCommand, requireOption } from '../parse-args';
import { UsageError } from '../usage-error';
import { runJobCommand } from '../run-job-command';
import { finishJobCommand } from './finish-job';
import { toRequest } from './score';

export async function optimizeCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      input: { type: 'string' },
      label: { type: 'string' },
      method: { type: 'string' },
      size: { type: 'string' },
      output: { type: 'string' },
      'ignore-unknown-labels': { type: 'boolean' },
      report: { type: 'string' },
      provider: { type: 'string' },
      threads: { type: 'string' },
    },
    'optimize',
  );
  if (positionals.length > 0) throw new UsageError(`optimize: unexpected argument "${positionals[0]}"`);
  const request = toRequest(() =>
    parseCallInput('jobs.optimize', {
      ensemble: { specPath: requireOption(values, 'ensemble', 'optimize') },
      input: requireOption(values, 'input', 'optimize'),
      label: requireOption(values, 'label', 'optimize'),
      method: requireOption(values, 'method', 'optimize'),
      size: intOption(values, 'size', 'optimize'),
      output: requireOption(values, 'output', 'optimize'),
      ignoreUnknownLabels: values['ignore-unknown-labels'] ?? false,
      report: values.report,
      provider: values.provider ?? 'cpu',
      threads: intOption(values, 'threads', 'optimize'),
    }),
  );
  const finished = await runJobCommand(
    engine,
    () => engine.handlers['jobs.optimize'](request),
    values.json ?? false,
  );
  return finishJobCommand(finished, 'Optimised on', values.json ?? false);
}
