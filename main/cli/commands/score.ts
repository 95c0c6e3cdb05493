/** `score`: batch-score a data file with an ensemble. */
import type { Engine } from '../../engine/create-engine';
import { intOption, listOption, parseCommand, requireOption, noExtraArguments } from '../parse-args';
import { UsageError } from '../usage-error';
import { runJobCall } from './job-call';

export async function scoreCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      input: { type: 'string' },
      output: { type: 'string' },
      keep: { type: 'string' },
      'keep-all': { type: 'boolean' },
      members: { type: 'boolean' },
      uncertainty: { type: 'boolean' },
      label: { type: 'string' },
      'ignore-unknown-labels': { type: 'boolean' },
      provider: { type: 'string' },
      threads: { type: 'string' },
      'chunk-rows': { type: 'string' },
      overwrite: { type: 'boolean' },
      'no-escape-formulas': { type: 'boolean' },
      shard: { type: 'string' },
      resume: { type: 'boolean' },
    },
    'score',
  );
  noExtraArguments(positionals, 'score');
  if (values.keep && values['keep-all']) throw new UsageError('score: use --keep or --keep-all, not both');
  return runJobCall(
    engine,
    'score',
    () => ({
      ensemble: { specPath: requireOption(values, 'ensemble', 'score') },
      input: requireOption(values, 'input', 'score'),
      output: requireOption(values, 'output', 'score'),
      keep: listOption(values.keep),
      keepAll: values['keep-all'] ?? false,
      members: values.members ?? false,
      uncertainty: values.uncertainty ?? false,
      label: values.label,
      ignoreUnknownLabels: values['ignore-unknown-labels'] ?? false,
      provider: values.provider ?? 'cpu',
      threads: intOption(values, 'threads', 'score'),
      overwrite: values.overwrite ?? false,
      escapeFormulas: !(values['no-escape-formulas'] ?? false),
      chunkRows: intOption(values, 'chunk-rows', 'score'),
      ...(values.shard === undefined ? {} : { shard: shardOption(values.shard) }),
      resume: values.resume ?? false,
    }),
    values.json ?? false,
  );
}

/** `--shard K/N`: the numbers as given (the contract checks 1 ≤ K ≤ N). */
function shardOption(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match) throw new UsageError(`score: --shard takes K/N (shard K of N, e.g. 2/8), not "${value}"`);
  return { index: Number(match[1]), count: Number(match[2]) };
}
