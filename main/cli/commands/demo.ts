/**
 * `demo`: scores the bundled demo ensemble on the bundled data set (with its labels, so the
 * summary shows each member against the ensemble), writes the output and records the run.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Engine } from '../../engine/create-engine';
import { demoDir } from '../../environment/resources';
import { noExtraArguments, parseCommand } from '../parse-args';
import { runJobCall } from './job-call';

export async function demoCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { output: { type: 'string' }, overwrite: { type: 'boolean' } },
    'demo',
  );
  noExtraArguments(positionals, 'demo');
  const demo = demoDir();
  const outDir = values.output ?? join(dirname(engine.historyPath), 'demo');
  await mkdir(outDir, { recursive: true });
  const output = join(outDir, 'breast_cancer.scored.csv');
  const json = values.json ?? false;
  if (!json) process.stdout.write(`Ensemble Studio demo: ${join(demo, 'demo.ensemble.json')}\n`);
  return runJobCall(
    engine,
    'score',
    () => ({
      ensemble: { specPath: join(demo, 'demo.ensemble.json') },
      input: join(demo, 'breast_cancer.csv'),
      output,
      keep: ['diagnosis'],
      members: true,
      label: 'diagnosis',
      // The default folder is the demo's own, beside the history: running the demo again replaces
      // its output. A folder the user names follows the rules of every output.
      overwrite: values.output === undefined || (values.overwrite ?? false),
    }),
    json,
  );
}
