/**
 * Parity between the fused model and the app's own scoring (`export --check DATA`): the file is
 * scored once through the app's scoring session, and each chunk it reads is also fed to the fused
 * model, so the app's side of the comparison is exactly what `score` computes.
 */
import type * as ort from 'onnxruntime-node';
import type { ColumnRequest, DataChunk } from '../../contract/data-types';
import { buildFeed } from '../ensemble/feeds';
import { StudioError } from '../../contract/errors';
import { combineChunk } from '../jobs/combine-chunk';
import type { ScoringSession } from '../jobs/scoring-session';
import { createSession } from '../runtime/create-session';
import { toTensor } from '../runtime/tensors';
import type { FusedModel } from './fuse';
import type { FusedInput } from './fused-inputs';

export interface Parity {
  /** Largest |app − fused| over every probability (classification) or value (regression). */
  maxAbsDiff: number;
  /** Share of rows whose labels agree (1 for regression, where there are no labels). */
  agreement: number;
  rows: number;
  /** Rows whose labels differ, first few, for the report. */
  disagreements: number[];
}

/**
 * Scores the session's file with the app and with the fused model, chunk by chunk, and compares:
 * row numbers in `disagreements` count from the file's first data row. The caller closes the
 * scoring session; the fused model's session is opened and released here.
 */
export async function checkParity(
  scoring: ScoringSession,
  fused: FusedModel,
  options: { threads?: number } = {},
): Promise<Parity> {
  const { resolved, meter } = scoring;
  const opened = await createSession(
    fused.bytes,
    { provider: 'cpu', threads: options.threads },
    { file: 'the fused model' },
  );
  try {
    let rows = 0;
    let same = 0;
    let maxAbsDiff = 0;
    const disagreements: number[] = [];
    for await (const { chunk, memberScores } of scoring.stream(fusedColumnRequests(fused.inputs))) {
      const app = combineChunk(resolved, memberScores, chunk.rowCount);
      const fusedOut = await scoreFusedChunk(opened.session, fused.inputs, chunk);
      const appLabels =
        'values' in app ? null : Array.from(app.prediction, (k) => (k < 0 ? '' : resolved.classes[k]!));
      const parity = compareOutputs(
        'values' in app ? app.values : app.proba,
        fusedOut.values,
        appLabels,
        fusedOut.labels,
      );
      maxAbsDiff = Math.max(maxAbsDiff, parity.maxAbsDiff);
      same += Math.round(parity.agreement * chunk.rowCount);
      for (const r of parity.disagreements)
        if (disagreements.length < 20) disagreements.push(chunk.firstRow + r);
      rows += chunk.rowCount;
      meter.update(rows);
    }
    return { rows, maxAbsDiff, agreement: rows > 0 ? same / rows : 1, disagreements };
  } finally {
    await opened.session.release();
  }
}

/**
 * @param appProba, fusedProba N×K row-major (or N values for regression), same order.
 * @param appLabels, fusedLabels one per row in string form (labels compare by string form);
 *   null for regression.
 */
export function compareOutputs(
  appProba: ArrayLike<number>,
  fusedProba: ArrayLike<number>,
  appLabels: readonly string[] | null,
  fusedLabels: readonly string[] | null,
): Parity {
  if (appProba.length !== fusedProba.length) {
    throw new StudioError(
      'internal',
      `parity: ${appProba.length} app values vs ${fusedProba.length} fused values`,
    );
  }
  let maxAbsDiff = 0;
  for (let i = 0; i < appProba.length; i++) {
    const a = appProba[i] as number;
    const f = fusedProba[i] as number;
    // Both missing counts as equal; one missing is an infinite difference.
    const diff = Number.isNaN(a) && Number.isNaN(f) ? 0 : Number.isNaN(a - f) ? Infinity : Math.abs(a - f);
    if (diff > maxAbsDiff) maxAbsDiff = diff;
  }
  if (appLabels === null || fusedLabels === null) {
    return { maxAbsDiff, agreement: 1, rows: appProba.length, disagreements: [] };
  }
  if (appLabels.length !== fusedLabels.length) {
    throw new StudioError(
      'internal',
      `parity: ${appLabels.length} app labels vs ${fusedLabels.length} fused labels`,
    );
  }
  const disagreements: number[] = [];
  let same = 0;
  appLabels.forEach((label, r) => {
    if (label === fusedLabels[r]) same++;
    else if (disagreements.length < 20) disagreements.push(r);
  });
  const rows = appLabels.length;
  return { maxAbsDiff, agreement: rows === 0 ? 1 : same / rows, rows, disagreements };
}

/** The columns to read for the fused model's inputs, at their input types. */
export function fusedColumnRequests(inputs: readonly FusedInput[]): Map<string, ColumnRequest> {
  const requests = new Map<string, ColumnRequest>();
  for (const input of inputs) for (const column of input.columns) requests.set(column, input.type);
  return requests;
}

/** Fused-model feeds from one chunk read with fusedColumnRequests: `[N, columns]` per input. */
export function fusedFeeds(inputs: readonly FusedInput[], chunk: DataChunk): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) {
    const feed = buildFeed(
      'fused model',
      { input: input.name, type: input.type, columns: [...input.columns], rank: 2 },
      chunk,
    );
    feeds[input.name] = toTensor(feed, input.name);
  }
  return feeds;
}

/** One chunk through the fused model: its probabilities (or predictions) and labels in string form. */
export async function scoreFusedChunk(
  session: ort.InferenceSession,
  inputs: readonly FusedInput[],
  chunk: DataChunk,
): Promise<{ values: Float32Array; labels: string[] | null }> {
  const out = await session.run(fusedFeeds(inputs, chunk));
  if (out.prediction) return { values: out.prediction.data as Float32Array, labels: null };
  if (!out.probabilities || !out.label)
    throw new StudioError('model', 'not a fused model: no probabilities/label');
  return { values: out.probabilities.data as Float32Array, labels: labelStrings(out.label) };
}

/** Label tensor of the fused model → labels in string form (int64 labels print as the app prints them). */
export function labelStrings(tensor: ort.Tensor): string[] {
  return Array.from(tensor.data as ArrayLike<unknown>, (v) => String(v));
}
