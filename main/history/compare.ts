import type { Database } from 'better-sqlite3';
import { canonicalJson } from './json';
import { getRun } from './run-queries';
import {
  ENSEMBLE_SCOPE,
  type MetricComparison,
  type MetricRecord,
  type RunComparison,
  type RunDetail,
  type RunDifference,
  type RunSummary,
} from '../../contract/history-types';

/**
 * Two runs side by side: every (scope, metric) either recorded, with the delta B − A, and every
 * setting that differs (ensemble version, dataset, member models and weights, provider, threads,
 * versions, command options), so a change in a metric can be traced to a change in what was run.
 */
export function compareRuns(db: Database, a: number, b: number): RunComparison {
  const runA = getRun(db, a);
  const runB = getRun(db, b);
  return {
    a: summaryOf(runA),
    b: summaryOf(runB),
    metrics: compareMetrics(runA.metrics, runB.metrics),
    differences: differences(runA, runB),
  };
}

function summaryOf(run: RunDetail): RunSummary {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    ensembleName: run.ensembleName,
    ensembleVersionNumber: run.ensembleVersionNumber,
    datasetPath: run.datasetPath,
    rows: run.rows,
    rowsPerSec: run.rowsPerSec,
    providerRequested: run.providerRequested,
    providerUsed: run.providerUsed,
  };
}

/** The ensemble's metrics first, then each scope in the order it was first recorded (A, then B). */
export function compareMetrics(a: readonly MetricRecord[], b: readonly MetricRecord[]): MetricComparison[] {
  const key = (m: MetricRecord) => `${m.scope}\u0000${m.name}`;
  const valuesA = new Map(a.map((m) => [key(m), m.value]));
  const valuesB = new Map(b.map((m) => [key(m), m.value]));
  const seen = new Map<string, MetricRecord>();
  for (const m of [...a, ...b]) if (!seen.has(key(m))) seen.set(key(m), m);

  const rows = [...seen.entries()].map(([k, m]): MetricComparison => {
    const valueA = valuesA.get(k) ?? null;
    const valueB = valuesB.get(k) ?? null;
    return {
      scope: m.scope,
      name: m.name,
      valueA,
      valueB,
      delta: valueA === null || valueB === null ? null : valueB - valueA,
    };
  });
  // Array.prototype.sort is stable: within a group, first-recorded order is kept.
  return rows.sort((x, y) => Number(y.scope === ENSEMBLE_SCOPE) - Number(x.scope === ENSEMBLE_SCOPE));
}

function differences(a: RunDetail, b: RunDetail): RunDifference[] {
  const found: RunDifference[] = [];
  const add = (field: string, valueA: unknown, valueB: unknown) =>
    found.push({ field, a: valueA, b: valueB });
  const note = (field: string, valueA: unknown, valueB: unknown) => {
    if (canonicalJson(valueA) !== canonicalJson(valueB)) add(field, valueA, valueB);
  };

  note('kind', a.kind, b.kind);
  // Versions compare by id: two ensembles may share a name and a version number.
  if (a.ensemble?.versionId !== b.ensemble?.versionId) {
    const label = (run: RunDetail) => run.ensemble && `${run.ensemble.name} v${run.ensemble.versionNumber}`;
    add('ensembleVersion', label(a), label(b));
  }
  if (a.dataset?.id !== b.dataset?.id) {
    // Same path but another dataset row means the file changed between the runs: show why.
    const changedInPlace = a.dataset !== null && a.dataset.path === b.dataset?.path;
    const label = (run: RunDetail) =>
      run.dataset && (changedInPlace ? `${run.dataset.path} (${run.dataset.fingerprint})` : run.dataset.path);
    add('dataset', label(a), label(b));
  }

  const membersA = new Map(a.members.map((m) => [m.name, m]));
  const membersB = new Map(b.members.map((m) => [m.name, m]));
  for (const name of new Set([...membersA.keys(), ...membersB.keys()])) {
    const ma = membersA.get(name);
    const mb = membersB.get(name);
    // A model compares by its bytes: the same path retrained between runs is a different model.
    note(`members.${name}.model`, ma?.modelSha256 ?? null, mb?.modelSha256 ?? null);
    note(`members.${name}.weight`, ma?.weight ?? null, mb?.weight ?? null);
  }

  note('providerRequested', a.providerRequested, b.providerRequested);
  note('providerUsed', a.providerUsed, b.providerUsed);
  note('threads', a.threads, b.threads);
  note('appVersion', a.appVersion, b.appVersion);
  note('onnxruntimeVersion', a.onnxruntimeVersion, b.onnxruntimeVersion);
  for (const key of [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])].sort()) {
    note(`params.${key}`, a.params[key] ?? null, b.params[key] ?? null);
  }
  return found;
}
