/**
 * `optimize`: greedy weight search, a stacking meta-model or a calibration map, fitted on a labelled
 * hold-out file.
 */
import type { Engine } from '../../engine/create-engine';
import { intOption, parseCommand, requireOption, noExtraArguments } from '../parse-args';
import { runJobCall } from './job-call';

export async function optimizeCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      input: { type: 'string' },
      label: { type: 'string' },
      method: { type: 'string' },
      calibration: { type: 'string' },
      size: { type: 'string' },
      output: { type: 'string' },
      'ignore-unknown-labels': { type: 'boolean' },
      report: { type: 'string' },
      provider: { type: 'string' },
      threads: { type: 'string' },
      overwrite: { type: 'boolean' },
    },
    'optimize',
  );
  noExtraArguments(positionals, 'optimize');
  return runJobCall(
    engine,
    'optimize',
    () => ({
      ensemble: { specPath: requireOption(values, 'ensemble', 'optimize') },
      input: requireOption(values, 'input', 'optimize'),
      label: requireOption(values, 'label', 'optimize'),
      method: requireOption(values, 'method', 'optimize'),
      calibration: values.calibration,
      size: intOption(values, 'size', 'optimize'),
      output: requireOption(values, 'output', 'optimize'),
      ignoreUnknownLabels: values['ignore-unknown-labels'] ?? false,
      report: values.report,
      provider: values.provider ?? 'cpu',
      threads: intOption(values, 'threads', 'optimize'),
      overwrite: values.overwrite ?? false,
    }),
    values.json ?? false,
  );
}
