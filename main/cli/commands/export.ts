/** `export`: the ensemble as one fused ONNX file, optionally checked against the app on a data file. */
import type { Engine } from '../../engine/create-engine';
import { intOption, parseCommand, requireOption, noExtraArguments } from '../parse-args';
import { runJobCall } from './job-call';

export async function exportCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      output: { type: 'string' },
      check: { type: 'string' },
      layout: { type: 'string' },
      threads: { type: 'string' },
      overwrite: { type: 'boolean' },
    },
    'export',
  );
  noExtraArguments(positionals, 'export');
  return runJobCall(
    engine,
    'export',
    () => ({
      ensemble: { specPath: requireOption(values, 'ensemble', 'export') },
      output: requireOption(values, 'output', 'export'),
      check: values.check,
      layout: values.layout ?? 'per-column',
      threads: intOption(values, 'threads', 'export'),
      overwrite: values.overwrite ?? false,
    }),
    values.json ?? false,
  );
}
