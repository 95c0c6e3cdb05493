/** `evaluate`: metrics of each member and of the ensemble on a labelled file. */
import type { Engine } from '../../engine/create-engine';
import { intOption, parseCommand, requireOption, noExtraArguments } from '../parse-args';
import { runJobCall } from './job-call';

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
      overwrite: { type: 'boolean' },
    },
    'evaluate',
  );
  noExtraArguments(positionals, 'evaluate');
  return runJobCall(
    engine,
    'evaluate',
    () => ({
      ensemble: { specPath: requireOption(values, 'ensemble', 'evaluate') },
      input: requireOption(values, 'input', 'evaluate'),
      label: requireOption(values, 'label', 'evaluate'),
      ignoreUnknownLabels: values['ignore-unknown-labels'] ?? false,
      report: values.report,
      provider: values.provider ?? 'cpu',
      threads: intOption(values, 'threads', 'evaluate'),
      overwrite: values.overwrite ?? false,
    }),
    values.json ?? false,
  );
}
