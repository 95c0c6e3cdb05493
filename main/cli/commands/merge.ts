/** `merge --output OUT PART…`: joins `score --shard K/N` parts into the unsharded file. */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput } from '../../../contract/contract';
import type { ShardMerged } from '../../../contract/shard-types';
import { parseCommand, requireOption, toRequest } from '../parse-args';
import { UsageError } from '../usage-error';
import { formatCount } from '../../text/format-count';

export async function mergeCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { output: { type: 'string' }, overwrite: { type: 'boolean' } },
    'merge',
  );
  if (positionals.length === 0) throw new UsageError('merge: name the parts to merge (PART…)');
  const request = toRequest(() =>
    parseCallInput('shards.merge', {
      parts: positionals,
      output: requireOption(values, 'output', 'merge'),
      overwrite: values.overwrite ?? false,
    }),
  );
  const merged = (await engine.handlers['shards.merge'](request)) as ShardMerged;
  process.stdout.write(
    (values.json
      ? JSON.stringify(merged, null, 2)
      : `Merged ${formatCount(merged.parts)} parts, ${formatCount(merged.rows)} rows → ${merged.output}\nsha256 ${merged.sha256}`) +
      '\n',
  );
  return 0;
}
