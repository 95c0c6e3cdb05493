/**
 * `migrate`: every representation (members, fused, fused float16, fused int8) × provider × thread
 * count measured on a data file, and the fastest within the budgets written to a folder with its
 * migration.json.
 */
import type { Engine } from '../../engine/create-engine';
import { intOption, listOption, noExtraArguments, parseCommand, requireOption } from '../parse-args';
import { UsageError } from '../usage-error';
import { runJobCall } from './job-call';

export async function migrateCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      input: { type: 'string' },
      label: { type: 'string' },
      'budget-agreement': { type: 'string' },
      'budget-metric': { type: 'string' },
      providers: { type: 'string' },
      threads: { type: 'string' },
      'sample-rows': { type: 'string' },
      output: { type: 'string' },
      overwrite: { type: 'boolean' },
    },
    'migrate',
  );
  noExtraArguments(positionals, 'migrate');
  const threads = listOption(values.threads).map((t) => {
    const n = Number(t);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`migrate: --threads takes whole numbers, got "${t}"`);
    return n;
  });
  return runJobCall(
    engine,
    'migrate',
    () => ({
      ensemble: { specPath: requireOption(values, 'ensemble', 'migrate') },
      input: requireOption(values, 'input', 'migrate'),
      label: values.label,
      budgetAgreement: numberOption(values['budget-agreement'], 'budget-agreement'),
      budgetMetric: numberOption(values['budget-metric'], 'budget-metric'),
      providers: values.providers ? listOption(values.providers) : undefined,
      threads: threads.length > 0 ? threads : undefined,
      sampleRows: intOption(values, 'sample-rows', 'migrate'),
      output: requireOption(values, 'output', 'migrate'),
      overwrite: values.overwrite ?? false,
    }),
    values.json ?? false,
  );
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`migrate: --${name} needs a number, got "${value}"`);
  return n;
}
