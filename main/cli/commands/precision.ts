/** `precision`: a float16 or int8 variant of a member or of the fused ensemble, with its report. */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput } from '../../../preload/contract';
import { intOption, parseCommand, requireOption } from '../parse-args';
import { UsageError } from '../usage-error';
import { runJobCommand } from '../run-job-command';
import { finishJobCommand } from './finish-job';
import { toRequest } from './score';

export async function precisionCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      input: { type: 'string' },
      variant: { type: 'string' },
      member: { type: 'string' },
      output: { type: 'string' },
      label: { type: 'string' },
      rows: { type: 'string' },
      threads: { type: 'string' },
    },
    'precision',
  );
  if (positionals.length > 0) throw new UsageError(`precision: unexpected argument "${positionals[0]}"`);
  const request = toRequest(() =>
    parseCallInput('jobs.precision', {
      ensemble: { specPath: requireOption(values, 'ensemble', 'precision') },
      input: requireOption(values, 'input', 'precision'),
      variant: requireOption(values, 'variant', 'precision'),
      member: values.member,
      output: requireOption(values, 'output', 'precision'),
      label: values.label,
      sampleRows: intOption(values, 'rows', 'precision'),
      threads: intOption(values, 'threads', 'precision'),
    }),
  );
  const finished = await runJobCommand(
    engine,
    () => engine.handlers['jobs.precision'](request),
    values.json ?? false,
  );
  return finishJobCommand(finished, 'Measured', values.json ?? false);
}
