/** `precision`: a float16 or int8 variant of a member or of the fused ensemble, with its report. */
import type { Engine } from '../../engine/create-engine';
import { intOption, parseCommand, requireOption, noExtraArguments } from '../parse-args';
import { runJobCall } from './job-call';

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
      overwrite: { type: 'boolean' },
    },
    'precision',
  );
  noExtraArguments(positionals, 'precision');
  return runJobCall(
    engine,
    'precision',
    () => ({
      ensemble: { specPath: requireOption(values, 'ensemble', 'precision') },
      input: requireOption(values, 'input', 'precision'),
      variant: requireOption(values, 'variant', 'precision'),
      member: values.member,
      output: requireOption(values, 'output', 'precision'),
      label: values.label,
      sampleRows: intOption(values, 'rows', 'precision'),
      threads: intOption(values, 'threads', 'precision'),
      overwrite: values.overwrite ?? false,
    }),
    values.json ?? false,
  );
}
