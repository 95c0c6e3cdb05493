/**
 * A run's stored scores, loaded for what-ifs. The engine keeps the last one loaded, with its
 * "before" evaluation, so that the what-if panel's repeated calls on one run recombine at once.
 */
import { StudioError } from '../../contract/errors';
import type { WhatIfRequest, WhatIfResult } from '../../contract/contract';
import type { EvaluationResult } from '../evaluate/evaluate-result';
import { evaluateStored, whatIfResult } from './recombine';
import { readScoreStore, storedScoresPath, type ScoreStore } from './score-store';

interface StoredRun {
  runId: number;
  store: ScoreStore;
  /** The run's own spec evaluated on its stored scores: the evaluation it recorded. */
  before: EvaluationResult;
}

/** The message for a run that kept no scores (a score run without --label and --members, an older run). */
export function noStoredScores(runId: number): StudioError {
  return new StudioError('bad_input', `run #${runId} kept no member scores: re-run evaluate`, {
    field: 'runId',
  });
}

function loadStoredRun(historyPath: string, runId: number): StoredRun {
  const store = readScoreStore(storedScoresPath(historyPath, runId));
  if (!store) throw noStoredScores(runId);
  return { runId, store, before: evaluateStored(store, store.header.spec) };
}

/** Loads runs on demand and keeps the last one. */
export class StoredRunCache {
  private last: StoredRun | null = null;

  constructor(private readonly historyPath: string) {}

  get(runId: number): StoredRun {
    if (this.last?.runId !== runId) this.last = loadStoredRun(this.historyPath, runId);
    return this.last;
  }

  preview(request: WhatIfRequest): WhatIfResult {
    const { runId, ...change } = request;
    const run = this.get(runId);
    return whatIfResult(runId, run.store, run.before, change);
  }
}
