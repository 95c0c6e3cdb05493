/**
 * `providers`: the execution providers this ONNX Runtime build offers; with `--benchmark`, the
 * ensemble on a sample of a data file per provider and thread count, and the fastest one.
 */
import type { Engine } from '../../engine/create-engine';
import { intOption, listOption, noExtraArguments, parseCommand, requireOption } from '../parse-args';
import { UsageError } from '../usage-error';
import { renderTable } from '../../jobs/kinds/text-table';
import { runJobCall } from './job-call';

export async function providersCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      benchmark: { type: 'boolean' },
      ensemble: { type: 'string' },
      input: { type: 'string' },
      providers: { type: 'string' },
      threads: { type: 'string' },
      rows: { type: 'string' },
      'save-optimized': { type: 'string' },
      overwrite: { type: 'boolean' },
    },
    'providers',
  );
  noExtraArguments(positionals, 'providers');
  const json = values.json ?? false;
  if (!values.benchmark) {
    const info = await engine.handlers['app.info']({});
    const text = renderTable(
      ['provider', 'available'],
      info.providers.map((p) => [p.name, p.bundled ? 'bundled' : 'needs an install (outside download)']),
    );
    process.stdout.write((json ? JSON.stringify(info.providers, null, 2) : text) + '\n');
    return 0;
  }
  const threads = listOption(values.threads).map((t) => {
    const n = Number(t);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`providers: --threads takes whole numbers, got "${t}"`);
    return n;
  });
  return runJobCall(
    engine,
    'benchmark',
    () => ({
      ensemble: { specPath: requireOption(values, 'ensemble', 'providers') },
      input: requireOption(values, 'input', 'providers'),
      providers: values.providers ? listOption(values.providers) : undefined,
      threads: threads.length > 0 ? threads : undefined,
      sampleRows: intOption(values, 'rows', 'providers'),
      saveOptimizedDir: values['save-optimized'],
      overwrite: values.overwrite ?? false,
    }),
    json,
  );
}
