/** `export`: the ensemble as one fused ONNX file, optionally checked against the app on a data file. */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput } from '../../../preload/contract';
import { intOption, parseCommand, requireOption } from '../parse-args';
import { UsageError } from '../usage-error';
import { runJobCommand } from '../run-job-command';
import { finishJobCommand } from './finish-job';
import { toRequest } from './score';

export async function exportCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      output: { type: 'string' },
      check: { type: 'string' },
      layout: { type: 'string' },
      threads: { type: 'string' },
    },
    'export',
  );
  if (positionals.length > 0) throw new UsageError(`export: unexpected argument "${positionals[0]}"`);
  const request = toRequest(() =>
    parseCallInput('jobs.export', {
      ensemble: { specPath: requireOption(values, 'ensemble', 'export') },
      output: requireOption(values, 'output', 'export'),
      check: values.check,
      layout: values.layout ?? 'per-column',
      threads: intOption(values, 'threads', 'export'),
    }),
  );
  const finished = await runJobCommand(
    engine,
    () => engine.handlers['jobs.export'](request),
    values.json ?? false,
  );
  return finishJobCommand(finished, 'Exported', values.json ?? false);
}
