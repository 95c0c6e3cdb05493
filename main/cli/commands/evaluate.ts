/** `evaluate`: metrics of each member and of the ensemble on a labelled file. */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput } from '../../../preload/contract';
import { intOption, parseCommand, requireOption } from '../parse-args';
import { UsageError } from '../usage-error';
import { runJobCommand } from '../run-job-command';
import { finishJobCommand } from './finish-job';
import { toRequest } from './score';

export async function evaluateCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      input: { type: 'string' },
      label: { type: 'string' },
      'ignore-unknown-labels': { type: 'boolean' },
      report: { type: 'string' },
      provider: { type: 'string' },
      threads: { type: 'string' },
    },
    'evaluate',
  );
  if (positionals.length > 0) throw new UsageError(`evaluate: unexpected argument "${positionals[0]}"`);
  const request = toRequest(() =>
    parseCallInput('jobs.evaluate', {
      ensemble: { specPath: requireOption(values, 'ensemble', 'evaluate') },
      input: requireOption(values, 'input', 'evaluate'),
      label: requireOption(values, 'label', 'evaluate'),
      ignoreUnknownLabels: values['ignore-unknown-labels'] ?? false,
      report: values.report,
      provider: values.provider ?? 'cpu',
      threads: intOption(values, 'threads', 'evaluate'),
    }),
  );
  const finished = await runJobCommand(
    engine,
    () => engine.handlers['jobs.evaluate'](request),
    values.json ?? false,
  );
  return finishJobCommand(finished, 'Evaluated', values.json ?? false);
}
