/**
 * The `whatif` job, in the engine host: a what-if on a run's stored scores, as a result the
 * history records (the changed ensemble's metrics and plots). No model is loaded, no data read.
 */
import { join } from 'node:path';
import type { HostWhatIfResult } from '../../contract/contract';
import { historyRows } from '../jobs/labelled-collector';
import { noStoredScores } from './stored-run';
import { evaluateStored, whatIfResult, type WhatIfChange } from './recombine';
import { readScoreStore, type ScoreFiles } from './score-store';

export interface WhatIfHostInput {
  runId: number;
  change: WhatIfChange;
  /** Added by the engine: where the history keeps scores. */
  scoreFiles?: ScoreFiles;
}

export function runWhatIf(request: WhatIfHostInput): HostWhatIfResult {
  const started = performance.now();
  const folder = request.scoreFiles?.folder;
  const store = folder ? readScoreStore(join(folder, `run-${request.runId}.bin`)) : null;
  if (!store) throw noStoredScores(request.runId);
  const before = evaluateStored(store, store.header.spec);
  const whatIf = whatIfResult(request.runId, store, before, request.change);
  const seconds = (performance.now() - started) / 1000;
  const rows = store.header.rows;
  // The run's models, recorded again with the weights they have in the changed ensemble.
  const total = whatIf.members.reduce((sum, m) => sum + m.weight, 0);
  const weights = new Map(whatIf.members.map((m) => [m.name, m.weight / total]));
  const models = (store.header.models ?? []).map((m) => ({ ...m, weight: weights.get(m.member) ?? 0 }));
  return {
    kind: 'whatif',
    rows,
    seconds,
    rowsPerSec: seconds > 0 ? rows / seconds : 0,
    providerRequested: 'cpu',
    providerUsed: 'cpu',
    warnings: [],
    models,
    dataset: null,
    classes: store.header.task === 'classification' ? store.header.classes : null,
    ...historyRows(whatIf.after),
    whatIf,
  };
}
