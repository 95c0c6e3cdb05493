import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../contract/errors';
import { datasetFingerprint, getDataset, upsertDataset } from '../../../main/history/datasets';
import { getEnsembleVersion, upsertEnsembleVersion } from '../../../main/history/ensembles';
import { getArtifact, recordArtifact, recordMetrics } from '../../../main/history/metrics';
import { getModel, upsertModel } from '../../../main/history/models';
import { openHistory } from '../../../main/history/open-history';
import {
  addRunMembers,
  compareRuns,
  finishRun,
  getRun,
  listRuns,
  startRun,
} from '../../../main/history/runs';
import { modelInfo, spec, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
let db: Database;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = openHistory(path.join(dir, 'history.sqlite'));
});
afterEach(() => {
  db.close();
  cleanup();
});

const columns = [{ name: 'x', type: 'number' as const, sourceType: 'DOUBLE' }];

function dataset(file: string, fingerprint = 'fp-1'): number {
  return upsertDataset(db, { path: file, sizeBytes: 10, fingerprint, format: 'csv', columns });
}

describe('models and datasets', () => {
  it('a model is its path and bytes: the same file again is the same id, new bytes a new one', () => {
    const file = path.join(dir, 'a.onnx');
    const id = upsertModel(db, modelInfo(file, 'aa'), '2026-01-01T00:00:00.000Z');
    expect(upsertModel(db, modelInfo(file, 'aa'), '2026-01-02T00:00:00.000Z')).toBe(id);
    expect(upsertModel(db, modelInfo(file, 'bb'))).not.toBe(id);
    const record = getModel(db, id);
    expect(record).toMatchObject({
      path: file,
      sha256: 'aa',
      producer: 'skl2onnx 1.17.0',
      firstSeenAt: '2026-01-01T00:00:00.000Z',
      lastSeenAt: '2026-01-02T00:00:00.000Z',
    });
    expect(record.signature.inputs[0]?.name).toBe('x');
    expect(record.detected.classes).toEqual(['0', '1']);
  });

  it('a dataset is its path and fingerprint; a row count learned later is kept', () => {
    const file = path.join(dir, 'd.csv');
    const id = dataset(file);
    expect(
      upsertDataset(db, {
        path: file,
        sizeBytes: 10,
        fingerprint: 'fp-1',
        format: 'csv',
        columns,
        rowCount: 7,
      }),
    ).toBe(id);
    // Recorded again before its schema is read (no columns, no row count): what is known stays.
    expect(
      upsertDataset(db, { path: file, sizeBytes: 10, fingerprint: 'fp-1', format: 'csv', columns: [] }),
    ).toBe(id);
    expect(getDataset(db, id)).toMatchObject({ path: file, rowCount: 7, columns });
    expect(dataset(file, 'fp-2')).not.toBe(id);
  });

  it('fingerprints a file by size, mtime and its first and last MiB', async () => {
    const file = path.join(dir, 'big.csv');
    const bytes = Buffer.alloc(3 * 1024 * 1024, 'a');
    fs.writeFileSync(file, bytes);
    const mtime = new Date('2026-01-01T00:00:00Z');
    fs.utimesSync(file, mtime, mtime);
    const first = await datasetFingerprint(file);
    expect(first).toMatch(/^v1:3145728:\d+:[0-9a-f]{64}$/);

    bytes[1024 * 1024 + 5] = 0x62; // the middle MiB: not hashed, by design
    fs.writeFileSync(file, bytes);
    fs.utimesSync(file, mtime, mtime);
    expect(await datasetFingerprint(file)).toBe(first);

    bytes[bytes.length - 1] = 0x62; // the last MiB: noticed
    fs.writeFileSync(file, bytes);
    fs.utimesSync(file, mtime, mtime);
    expect(await datasetFingerprint(file)).not.toBe(first);

    const small = path.join(dir, 'small.csv');
    fs.writeFileSync(small, 'x\n1\n');
    expect(await datasetFingerprint(small)).toMatch(/^v1:4:/);
  });
});

describe('ensemble versions', () => {
  it('an identical spec is the same version, whatever its key order; an edit is the next version', () => {
    const specPath = path.join(dir, 'blend.ensemble.json');
    const v1 = upsertEnsembleVersion(db, spec(), specPath);
    expect(v1.versionNumber).toBe(1);

    const { combiner, members, ...rest } = spec();
    const reordered = {
      combiner,
      members: members.map(({ weight, model, name }) => ({ weight, model, name })),
      ...rest,
    };
    expect(Object.keys(reordered)[0]).toBe('combiner');
    expect(upsertEnsembleVersion(db, reordered, specPath)).toEqual(v1);

    const v2 = upsertEnsembleVersion(db, spec({ a: 2, b: 1 }), specPath);
    expect(v2).toMatchObject({ ensembleId: v1.ensembleId, versionNumber: 2 });
    expect(v2.versionId).not.toBe(v1.versionId);
    expect(upsertEnsembleVersion(db, spec(), specPath)).toEqual(v1);

    // An ensemble is its name: the same content from another file (or from no file) is the same
    // version, and different content under the same name is the next version.
    expect(upsertEnsembleVersion(db, spec(), path.join(dir, 'copy.ensemble.json'))).toEqual(v1);
    expect(upsertEnsembleVersion(db, spec())).toEqual(v1);
    const v3 = upsertEnsembleVersion(db, spec({ a: 5, b: 1 }), path.join(dir, 'other.ensemble.json'));
    expect(v3).toMatchObject({ ensembleId: v1.ensembleId, versionNumber: 3 });

    const record = getEnsembleVersion(db, v2.versionId);
    expect(record).toMatchObject({ name: 'blend', specPath, versionNumber: 2 });
    expect(record.spec.members[0]?.weight).toBe(2);
    expect(record.specSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('runs', () => {
  /** Two evaluate runs of two versions of one ensemble on one dataset, and a failed score on another. */
  function seed() {
    const specPath = path.join(dir, 'blend.ensemble.json');
    const v1 = upsertEnsembleVersion(db, spec(), specPath);
    const v2 = upsertEnsembleVersion(db, spec({ a: 3, b: 1 }), specPath);
    const other = upsertEnsembleVersion(
      db,
      spec({ a: 1, b: 1 }, 'other'),
      path.join(dir, 'other.ensemble.json'),
    );
    const holdout = dataset(path.join(dir, 'holdout.csv'));
    const big = dataset(path.join(dir, 'big.csv'));
    const modelA = upsertModel(db, modelInfo(path.join(dir, 'models/a.onnx'), 'a1'));
    const modelB = upsertModel(db, modelInfo(path.join(dir, 'models/b.onnx'), 'b1'));
    const modelB2 = upsertModel(db, modelInfo(path.join(dir, 'models/b.onnx'), 'b2'));

    const a = startRun(
      db,
      {
        kind: 'evaluate',
        ensembleVersionId: v1.versionId,
        datasetId: holdout,
        providerRequested: 'cpu',
        threads: 2,
        appVersion: '0.1.0',
        onnxruntimeVersion: '1.30.0',
        params: { label: 'target', members: false },
      },
      '2026-01-01T10:00:00.000Z',
    );
    addRunMembers(db, a, [
      { name: 'a', modelId: modelA, weight: 1 },
      { name: 'b', modelId: modelB, weight: 1 },
    ]);
    recordMetrics(db, a, [
      { scope: 'ensemble', name: 'accuracy', value: 0.9 },
      { scope: 'ensemble', name: 'roc_auc', value: NaN },
      { scope: 'a', name: 'accuracy', value: 0.85 },
      { scope: 'b', name: 'accuracy', value: 0.8 },
      { scope: 'ensemble', name: 'log_loss', value: 0.3 },
    ]);
    recordArtifact(db, a, 'roc', { fpr: [0, 1], tpr: [0, 1] });
    finishRun(
      db,
      a,
      { status: 'succeeded', rows: 100, rowsPerSec: 5000, providerUsed: 'cpu' },
      '2026-01-01T10:00:01.000Z',
    );

    const b = startRun(
      db,
      {
        kind: 'evaluate',
        ensembleVersionId: v2.versionId,
        datasetId: holdout,
        parentRunId: a,
        providerRequested: 'webgpu',
        threads: 2,
        appVersion: '0.1.0',
        onnxruntimeVersion: '1.30.0',
        params: { label: 'target', members: true },
      },
      '2026-01-02T10:00:00.000Z',
    );
    addRunMembers(db, b, [
      { name: 'a', modelId: modelA, weight: 0.75 },
      { name: 'b', modelId: modelB2, weight: 0.25 },
    ]);
    recordMetrics(db, b, [
      { scope: 'ensemble', name: 'accuracy', value: 0.95 },
      { scope: 'ensemble', name: 'roc_auc', value: 0.97 },
      { scope: 'a', name: 'accuracy', value: 0.85 },
      { scope: 'b', name: 'accuracy', value: 0.82 },
      { scope: 'b', name: 'f1_macro', value: 0.8 },
    ]);
    finishRun(
      db,
      b,
      {
        status: 'succeeded',
        rows: 100,
        rowsPerSec: 4000,
        providerUsed: 'cpu',
        warnings: ['webgpu failed to start; fell back to cpu'],
      },
      '2026-01-02T10:00:01.000Z',
    );

    const c = startRun(
      db,
      { kind: 'score', ensembleVersionId: other.versionId, datasetId: big, providerRequested: 'cpu' },
      '2026-01-03T10:00:00.000Z',
    );
    finishRun(db, c, {
      status: 'failed',
      error: { code: 'data', message: 'ragged row', location: { file: 'big.csv', line: 3 } },
    });
    const d = startRun(db, { kind: 'score', ensembleVersionId: v1.versionId }, '2026-01-04T10:00:00.000Z');
    return { a, b, c, d, v1, v2, holdout, big };
  }

  it('lists newest first, filtered by kind, status, ensemble and dataset', () => {
    const { a, b, c, d, v1, holdout } = seed();
    expect(listRuns(db).map((r) => r.id)).toEqual([d, c, b, a]);
    expect(listRuns(db, { kind: 'evaluate' }).map((r) => r.id)).toEqual([b, a]);
    expect(listRuns(db, { status: 'failed' }).map((r) => r.id)).toEqual([c]);
    expect(listRuns(db, { status: 'running' }).map((r) => r.id)).toEqual([d]);
    expect(listRuns(db, { ensemble: 'blend' }).map((r) => r.id)).toEqual([d, b, a]);
    expect(listRuns(db, { ensemble: v1.ensembleId, kind: 'score' }).map((r) => r.id)).toEqual([d]);
    expect(listRuns(db, { dataset: path.join(dir, 'holdout.csv') }).map((r) => r.id)).toEqual([b, a]);
    expect(listRuns(db, { dataset: holdout }).map((r) => r.id)).toEqual([b, a]);
    expect(listRuns(db, { limit: 2 }).map((r) => r.id)).toEqual([d, c]);
    expect(listRuns(db, { limit: 2, offset: 2 }).map((r) => r.id)).toEqual([b, a]);

    expect(listRuns(db, { kind: 'evaluate' })[0]).toEqual({
      id: b,
      kind: 'evaluate',
      status: 'succeeded',
      startedAt: '2026-01-02T10:00:00.000Z',
      finishedAt: '2026-01-02T10:00:01.000Z',
      ensembleName: 'blend',
      ensembleVersionNumber: 2,
      datasetPath: path.join(dir, 'holdout.csv'),
      rows: 100,
      rowsPerSec: 4000,
      providerRequested: 'webgpu',
      providerUsed: 'cpu',
    });
  });

  it('shows one run in full', () => {
    const { a, b, c, v2 } = seed();
    const run = getRun(db, b);
    expect(run.ensemble).toMatchObject({ versionId: v2.versionId, name: 'blend', versionNumber: 2 });
    expect(run.ensemble?.spec.members.map((m) => m.weight)).toEqual([3, 1]);
    expect(run.dataset?.path).toBe(path.join(dir, 'holdout.csv'));
    expect(run.parentRunId).toBe(a);
    expect(run.params).toEqual({ label: 'target', members: true });
    expect(run.warnings).toEqual(['webgpu failed to start; fell back to cpu']);
    expect(run.members.map((m) => [m.name, m.weight, m.modelSha256])).toEqual([
      ['a', 0.75, 'a1'],
      ['b', 0.25, 'b2'],
    ]);
    expect(run.metrics[0]).toEqual({ scope: 'ensemble', name: 'accuracy', value: 0.95 });
    expect(run).toMatchObject({
      appVersion: '0.1.0',
      onnxruntimeVersion: '1.30.0',
      threads: 2,
      ownerPid: process.pid,
    });

    const first = getRun(db, a);
    expect(first.metrics).toContainEqual({ scope: 'ensemble', name: 'roc_auc', value: null }); // NaN
    expect(first.artifacts).toEqual(['roc']);
    expect(getArtifact(db, a, 'roc')).toEqual({ fpr: [0, 1], tpr: [0, 1] });

    expect(getRun(db, c).error).toEqual({
      code: 'data',
      message: 'ragged row',
      location: { file: 'big.csv', line: 3 },
    });
    expect(() => getRun(db, 999)).toThrow(expect.objectContaining({ code: 'not_found' }) as unknown as Error);
  });

  it('compares two runs: metric deltas B − A and what differed', () => {
    const { a, b } = seed();
    const comparison = compareRuns(db, a, b);
    expect(comparison.a.id).toBe(a);
    expect(comparison.b.id).toBe(b);
    const byKey = new Map(comparison.metrics.map((m) => [`${m.scope}/${m.name}`, m]));
    expect(byKey.get('ensemble/accuracy')?.delta).toBeCloseTo(0.05, 12);
    expect(byKey.get('ensemble/roc_auc')).toEqual({
      scope: 'ensemble',
      name: 'roc_auc',
      valueA: null,
      valueB: 0.97,
      delta: null,
    });
    expect(byKey.get('ensemble/log_loss')).toMatchObject({ valueA: 0.3, valueB: null, delta: null });
    expect(byKey.get('a/accuracy')?.delta).toBe(0);
    expect(byKey.get('b/accuracy')?.delta).toBeCloseTo(0.02, 12);
    expect(byKey.get('b/f1_macro')).toMatchObject({ valueA: null, valueB: 0.8 });
    // The ensemble's metrics come first.
    expect(comparison.metrics.slice(0, 3).map((m) => m.scope)).toEqual(['ensemble', 'ensemble', 'ensemble']);

    expect(comparison.differences).toEqual([
      { field: 'ensembleVersion', a: 'blend v1', b: 'blend v2' },
      { field: 'members.a.weight', a: 1, b: 0.75 },
      { field: 'members.b.model', a: 'b1', b: 'b2' },
      { field: 'members.b.weight', a: 1, b: 0.25 },
      { field: 'providerRequested', a: 'cpu', b: 'webgpu' },
      { field: 'params.members', a: false, b: true },
    ]);
  });

  it('names a dataset that changed in place by its fingerprint', () => {
    const file = path.join(dir, 'holdout.csv');
    const a = startRun(db, { kind: 'score', datasetId: dataset(file, 'fp-1') });
    const b = startRun(db, { kind: 'score', datasetId: dataset(file, 'fp-2') });
    expect(compareRuns(db, a, b).differences).toEqual([
      { field: 'dataset', a: `${file} (fp-1)`, b: `${file} (fp-2)` },
    ]);
  });

  it('finishes only a running run', () => {
    const id = startRun(db, { kind: 'score' });
    finishRun(db, id, { status: 'cancelled' });
    expect(getRun(db, id).status).toBe('cancelled');
    expect(() => finishRun(db, id, { status: 'succeeded' })).toThrow(
      expect.objectContaining({
        code: 'history',
        message: expect.stringMatching(/already cancelled/) as string,
      }) as unknown as Error,
    );
    expect(() => finishRun(db, 999, { status: 'succeeded' })).toThrow(StudioError);
    const running = startRun(db, { kind: 'score' });
    expect(() => finishRun(db, running, { status: 'running' as 'succeeded' })).toThrow(/cannot be finished/);
    expect(() => startRun(db, { kind: 'train' as 'score' })).toThrow(/Unknown run kind/);
  });

  it('records an optimize run with the version it produced', () => {
    const specPath = path.join(dir, 'blend.ensemble.json');
    const parent = upsertEnsembleVersion(db, spec(), specPath);
    const run = startRun(db, {
      kind: 'optimize',
      ensembleVersionId: parent.versionId,
      params: { method: 'greedy' },
    });
    const produced = upsertEnsembleVersion(db, spec({ a: 0.6, b: 0.4 }), path.join(dir, 'new.ensemble.json'));
    recordArtifact(db, run, 'trajectory', [{ round: 1, member: 'a', loss: 0.4 }]);
    finishRun(db, run, {
      status: 'succeeded',
      producedVersionId: produced.versionId,
      outputPath: 'new.ensemble.json',
    });
    const detail = getRun(db, run);
    expect(detail.producedVersion).toMatchObject({
      versionId: produced.versionId,
      name: 'blend',
      versionNumber: 2,
    });
    expect(detail.outputPath).toBe('new.ensemble.json');
    expect(detail.artifacts).toEqual(['trajectory']);
  });
});
