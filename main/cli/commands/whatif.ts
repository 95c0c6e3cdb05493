/**
 * `whatif`: an earlier run's stored member scores recombined with members dropped, weights or the
 * combiner changed, printed before/after and recorded as a run whose parent is that run.
 */
import type { Engine } from '../../engine/create-engine';
import { intOption, listOption, parseCommand, noExtraArguments } from '../parse-args';
import { UsageError } from '../usage-error';
import { readScoreStoreHeader, storedScoresPath } from '../../whatif/score-store';
import { noStoredScores } from '../../whatif/stored-run';
import { runJobCall } from './job-call';

export async function whatifCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      run: { type: 'string' },
      drop: { type: 'string', multiple: true },
      weights: { type: 'string' },
      combiner: { type: 'string' },
      save: { type: 'string' },
      overwrite: { type: 'boolean' },
    },
    'whatif',
  );
  noExtraArguments(positionals, 'whatif');
  const runId = intOption(values, 'run', 'whatif');
  if (runId === undefined) throw new UsageError('whatif: --run is required');
  const drop = (values.drop ?? []).flatMap(listOption);
  if (drop.length === 0 && values.weights === undefined && values.combiner === undefined) {
    throw new UsageError('whatif: say what changes: --drop NAME, --weights a=2,b=0.5 or --combiner METHOD');
  }
  // The job runs the spec the run kept with its scores: the models it names need not exist any more.
  const stored = readScoreStoreHeader(storedScoresPath(engine.historyPath, runId));
  if (!stored) throw noStoredScores(runId);
  return runJobCall(
    engine,
    'whatif',
    () => ({
      ensemble: { spec: stored.spec, baseDir: stored.baseDir },
      runId,
      drop,
      weights: values.weights === undefined ? undefined : parseWeights(values.weights),
      combiner: values.combiner,
      save: values.save,
      overwrite: values.overwrite ?? false,
    }),
    values.json ?? false,
  );
}

/** "a=2,b=0.5" → { a: 2, b: 0.5 } */
function parseWeights(text: string): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const pair of listOption(text)) {
    const at = pair.lastIndexOf('=');
    const name = pair.slice(0, at).trim();
    const weight = Number(pair.slice(at + 1));
    if (at <= 0 || pair.slice(at + 1).trim() === '' || !Number.isFinite(weight)) {
      throw new UsageError(`whatif: --weights needs NAME=NUMBER pairs, got "${pair}"`);
    }
    weights[name] = weight;
  }
  return weights;
}
