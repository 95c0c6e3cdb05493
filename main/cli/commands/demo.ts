/**
 * `demo`: scores the bundled demo ensemble on the bundled data set (with its labels, so the
 * summary shows each member against the ensemble), writes the output and records the run.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Engine } from '../../engine/create-engine';
import { parseCallInput } from '../../../preload/contract';
import { demoDir } from '../../engine/resources';
import { parseCommand } from '../parse-args';
import { UsageError } from '../usage-error';
import { runJobCommand } from '../run-job-command';
import { finishJobCommand } from './finish-job';

export async function demoCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { output: { type: 'string' } }, 'demo');
  if (positionals.length > 0) throw new UsageError(`demo: unexpected argument "${positionals[0]}"`);
  const demo = demoDir();
  const outDir = values.output ?? join(dirname(engine.historyPath), 'demo');
  await mkdir(outDir, { recursive: true });
  const output = join(outDir, 'breast_cancer.scored.csv');
  const json = values.json ?? false;
  if (!json) process.stdout.write(`Ensemble Studio demo: ${join(demo, 'demo.ensemble.json')}\n`);
  const finished = await runJobCommand(
    engine,
    () =>
      engine.handlers['jobs.score'](
        parseCallInput('jobs.score', {
          ensemble: { specPath: join(demo, 'demo.ensemble.json') },
          input: join(demo, 'breast_cancer.csv'),
          output,
          keep: ['diagnosis'],
          members: true,
          label: 'diagnosis',
        }),
      ),
    json,
  );
  return finishJobCommand(finished, 'Scored', json);
}
