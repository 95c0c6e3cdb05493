/**
 * `monitor`: scores the reference file and then the current file with the same ensemble, keeping
 * every feature column and every prediction column of each, and compares them: drift per
 * feature and per prediction, class shares, member disagreement, the label-free accuracy estimate
 * and, where a side has the label, its measured metrics. docs/MONITORING.md defines each number.
 */
import { existsSync } from 'node:fs';
import type { HostMonitorResult, MonitorSeverity, MonitorSide } from '../../contract/contract';
import { StudioError } from '../../contract/errors';
import type { MetricSet } from '../../contract/evaluation-types';
import { openDataset } from '../data/open-dataset';
import { RankMeanCollector, memberWeights, rankMeanChunk } from '../ensemble/combine';
import { categoricalDrift } from '../monitor/drift-categorical';
import { categoricalDriftJson, numericDriftJson } from '../monitor/drift-json';
import { numericDrift } from '../monitor/drift-numeric';
import { estimatedAccuracy } from '../monitor/estimated-performance';
import { FeatureCollector, type CollectedFeature } from '../monitor/feature-collector';
import { monitorMetrics } from '../monitor/monitor-metrics';
import { PredictionCollector, type CollectedPredictions } from '../monitor/prediction-collector';
import { combineChunk } from './combine-chunk';
import type { JobContext } from './job-context';
import type { MonitorJobRequest } from './kinds/monitor';
import { LabelledCollector } from './labelled-collector';
import { openScoringSession, type ScoringSession } from './scoring-session';

/** One file as scored and collected. */
interface ScannedSide {
  path: string;
  rows: number;
  report: ReturnType<ScoringSession['report']>;
  features: CollectedFeature[];
  predictions: CollectedPredictions;
  classCount: number;
  measured: MetricSet | null;
}

export async function runMonitorJob(request: MonitorJobRequest, ctx: JobContext): Promise<HostMonitorResult> {
  const started = performance.now();
  const reference = await scanSide(request, ctx, request.reference);
  const current = await scanSide(request, ctx, request.input);
  const thresholds = request.thresholds;

  const features = current.features.map((cur, i) => {
    const ref = reference.features[i]!;
    if (cur.type === 'numeric' && ref.type === 'numeric') {
      return { name: cur.name, ...numericDriftJson(numericDrift(ref.values, cur.values), thresholds) };
    }
    const asText = (f: CollectedFeature) =>
      f.type === 'text' ? f.values : Array.from(f.values, (v) => (Number.isNaN(v) ? null : String(v)));
    return {
      name: cur.name,
      ...categoricalDriftJson(categoricalDrift(asText(ref), asText(cur)), thresholds),
    };
  });
  const predictions = current.predictions.samples.map((cur, i) => {
    const ref = reference.predictions.samples[i]!;
    const name = cur.class === null ? `${cur.source} prediction` : `${cur.source} P(${cur.class})`;
    return {
      name,
      source: cur.source,
      class: cur.class,
      ...numericDriftJson(numericDrift(ref.values, cur.values), thresholds),
    };
  });
  const severityCounts: Record<MonitorSeverity, number> = { stable: 0, moderate: 0, major: 0, unknown: 0 };
  for (const d of [...features, ...predictions]) severityCounts[d.severity]++;

  const sides = { reference: sideSummary(reference), current: sideSummary(current) };
  const seconds = (performance.now() - started) / 1000;
  const rows = reference.rows + current.rows;
  const result: HostMonitorResult = {
    kind: 'monitor',
    ...current.report,
    rows: current.rows,
    seconds,
    rowsPerSec: seconds > 0 ? rows / seconds : 0,
    warnings: [...new Set([...reference.report.warnings, ...current.report.warnings])],
    thresholds,
    ...sides,
    features,
    predictions,
    severityCounts,
    metrics: [],
    artifacts: {},
  };
  result.metrics = monitorMetrics(result);
  const { metrics: _metrics, artifacts: _artifacts, ...whole } = result;
  result.artifacts = { monitor: whole };
  return result;
}

function sideSummary(side: ScannedSide): MonitorSide {
  const proba = side.predictions.proba;
  return {
    path: side.path,
    rows: side.rows,
    classShares: side.predictions.classShares,
    disagreement: side.predictions.disagreement,
    estimatedAccuracy: proba ? estimatedAccuracy(proba, side.classCount) : null,
    measured: side.measured,
  };
}

/** Scores one file, collecting its features, predictions and (when it has the label) its labels. */
async function scanSide(request: MonitorJobRequest, ctx: JobContext, path: string): Promise<ScannedSide> {
  if (!existsSync(path)) throw new StudioError('not_found', `${path}: no such data file`, { file: path });
  const label =
    request.label !== undefined && (await hasColumn(path, request.label)) ? request.label : undefined;
  const session = await openScoringSession({ ...request, input: path, label }, ctx);
  try {
    const { resolved, meter } = session;
    // Members may read a feature as float32; its drift is measured on the file's own values.
    const fullPrecision = new Map(
      [...resolved.columns]
        .filter(([, type]) => type === 'float32')
        .map(([name]) => [name, 'float64' as const]),
    );
    // rank_mean ranks over the whole file: a first pass collects the members' positive scores.
    let rankScores: Float64Array | null = null;
    if (resolved.combiner.method === 'rank_mean') {
      const ranks = new RankMeanCollector(memberWeights(resolved));
      for await (const { chunk, memberScores } of session.stream(fullPrecision))
        ranks.add(memberScores, chunk.rowCount);
      rankScores = ranks.finish();
    }
    const features = new FeatureCollector(resolved.columns);
    const predictions = new PredictionCollector(resolved);
    const labelled = label ? new LabelledCollector(resolved, label, path, false) : null;
    let rows = 0;
    for await (const { chunk, memberScores } of session.stream(fullPrecision)) {
      const combined = rankScores
        ? rankMeanChunk(rankScores, chunk.firstRow, chunk.rowCount)
        : combineChunk(resolved, memberScores, chunk.rowCount);
      features.add(chunk);
      predictions.add(combined, memberScores, chunk.rowCount);
      labelled?.add(chunk, memberScores, combined);
      rows += chunk.rowCount;
      meter.update(rows);
    }
    meter.update(rows, 'finishing', true);
    return {
      path,
      rows,
      report: session.report(rows),
      features: features.finish(),
      predictions: predictions.finish(),
      classCount: resolved.task === 'classification' ? resolved.classes.length : 1,
      measured: labelled && rows > 0 ? labelled.finish().result.metrics.ensemble : null,
    };
  } finally {
    await session.close();
  }
}

async function hasColumn(path: string, name: string): Promise<boolean> {
  const reader = await openDataset(path);
  try {
    return reader.info.columns.some((c) => c.name === name);
  } finally {
    await reader.close();
  }
}
