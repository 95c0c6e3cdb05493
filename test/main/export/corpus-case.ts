/**
 * One corpus case scored two ways, for the fused-export tests: the app's own pipeline
 * (loadModels → openSessions → scoreChunks → combineChunk, as `score` runs it) and the fused
 * model run by a plain onnxruntime-node InferenceSession fed the data columns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { openDataset } from '../../../main/data/open-dataset';
import { resolveEnsemble } from '../../../main/ensemble/resolve';
import type { ResolvedEnsemble } from '../../../main/ensemble/plan';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import { loadSpecFile } from '../../../main/engine/load-spec';
import { fusedColumnRequests, scoreFusedChunk } from '../../../main/export/check-fused';
import { fuseEnsemble, type FusedModel, type InputLayout } from '../../../main/export/fuse';
import { combineChunk } from '../../../main/jobs/combine-chunk';
import { loadModels, modelInfos, openSessions, releaseSessions } from '../../../main/jobs/load-members';
import { featureColumns } from '../../../main/jobs/read-plan';
import { scoreChunks } from '../../../main/jobs/score-chunks';
import type { ModelInfo } from '../../../contract/model-types';
import { REPO } from '../../support/run-cli';

export const SCORING = join(REPO, 'test', 'corpus', 'scoring');
export const EXPORT_CORPUS = join(REPO, 'test', 'corpus', 'export');

export interface Expected {
  spec: string;
  data: string;
  rows: number;
  label: string;
  classes?: string[];
  output: Record<string, (string | number)[]>;
}

/** Scores: N×K probabilities (or N values) row-major, and labels in string form (null for regression). */
export interface Scores {
  values: Float64Array;
  labels: string[] | null;
}

export interface LoadedCase {
  dir: string;
  expected: Expected;
  resolved: ResolvedEnsemble;
  models: Map<string, { path: string; info: ModelInfo; bytes: Uint8Array }>;
  dataPath: string;
}

/** @param editSpec changes the case's spec before resolution (another combiner, a label output …). */
export async function loadCase(
  dir: string,
  expectedFile = 'expected.json',
  editSpec: (spec: EnsembleSpec) => EnsembleSpec = (spec) => spec,
): Promise<LoadedCase> {
  const expected = JSON.parse(readFileSync(join(dir, expectedFile), 'utf8')) as Expected;
  const loaded = await loadSpecFile(join(dir, expected.spec));
  const spec = editSpec(loaded.spec);
  const baseDir = loaded.baseDir;
  const models = await loadModels(spec, baseDir);
  const dataPath = join(dir, expected.data);
  const reader = await openDataset(dataPath);
  try {
    const infos = modelInfos(models);
    const resolved = resolveEnsemble(spec, infos, featureColumns(reader.info.columns, expected.label));
    return { dir, expected, resolved, models, dataPath };
  } finally {
    await reader.close();
  }
}

/** The app's scoring of the case's data file. */
export async function scoreWithApp(c: LoadedCase): Promise<Scores> {
  const loaded = await openSessions(c.models, { provider: 'cpu', threads: 1 });
  const reader = await openDataset(c.dataPath);
  const values: number[] = [];
  const labels: string[] = [];
  try {
    const stream = scoreChunks({
      resolved: c.resolved,
      members: loaded.members,
      reader,
      columns: c.resolved.columns,
      chunkRows: 4096,
      signal: new AbortController().signal,
    });
    for await (const { chunk, memberScores } of stream) {
      const combined = combineChunk(c.resolved, memberScores, chunk.rowCount);
      if ('values' in combined) values.push(...combined.values);
      else {
        values.push(...combined.proba);
        for (const k of combined.prediction) labels.push(c.resolved.classes[k] ?? '');
      }
    }
  } finally {
    await reader.close();
    await releaseSessions(loaded.members);
  }
  return { values: Float64Array.from(values), labels: c.resolved.task === 'regression' ? null : labels };
}

export function fuseCase(c: LoadedCase, inputLayout: InputLayout = 'per-column'): FusedModel {
  return fuseEnsemble(c.resolved, c.models, { inputLayout, appVersion: 'test' });
}

/** The fused model run by plain onnxruntime-node on the case's data file. */
export async function scoreWithFused(fused: FusedModel, dataPath: string): Promise<Scores> {
  const session = await ort.InferenceSession.create(fused.bytes, {
    intraOpNumThreads: 1,
    logSeverityLevel: 3,
  });
  const reader = await openDataset(dataPath);
  const values: number[] = [];
  const labels: string[] = [];
  const regression = fused.outputs.includes('prediction');
  try {
    const chunks = reader.chunks({ columns: fusedColumnRequests(fused.inputs), chunkRows: 4096 });
    for await (const chunk of chunks) {
      const scored = await scoreFusedChunk(session, fused.inputs, chunk);
      values.push(...scored.values);
      labels.push(...(scored.labels ?? []));
    }
  } finally {
    await reader.close();
    await session.release();
  }
  return { values: Float64Array.from(values), labels: regression ? null : labels };
}

/** scikit-learn's expected output as the same row-major layout. */
export function expectedScores(c: LoadedCase): Scores {
  const { output, rows } = c.expected;
  if (c.resolved.task === 'regression')
    return { values: Float64Array.from(output.prediction!, Number), labels: null };
  const classes = c.resolved.classes;
  const values = new Float64Array(rows * classes.length);
  classes.forEach((label, k) =>
    output[`proba_${label}`]!.forEach((v, r) => (values[r * classes.length + k] = Number(v))),
  );
  return { values, labels: output.prediction!.map(String) };
}
