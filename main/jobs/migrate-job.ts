/**
 * `migrate`: one report across representations, providers and thread counts, measured on the
 * analyst's own file against the app's float32 scoring, and the fastest combination within the
 * budgets written with its proof (migration.json) into a new folder. The steps are in main/migrate.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ColumnRequest } from '../../contract/data-types';
import type { Provider } from '../../contract/contract';
import { StudioError } from '../../contract/errors';
import type { HostMigrateResult, MigrationCandidate } from '../../contract/migration-types';
import { fusedColumnRequests } from '../export/check-fused';
import { datasetFingerprint } from '../history/datasets';
import { writeArtifact } from '../migrate/artifact';
import { buildManifest, MANIFEST_NAME } from '../migrate/manifest';
import { measureCandidate, type MeasureInput } from '../migrate/measure';
import { compareWithReference, metricName, metricValue } from '../migrate/outputs';
import { stageFolder } from '../migrate/output-folder';
import { chooseProviders } from '../migrate/providers';
import { budgetMiss, recommend, type Budgets } from '../migrate/recommend';
import { buildRepresentations, type Representation, type Representations } from '../migrate/representations';
import { readMigrationSample, type MigrationSample } from '../migrate/sample';
import type { JobContext } from './job-context';
import { memberReports } from './load-members';
import type { MigrateJobRequest } from './kinds/migrate';

export async function runMigrateJob(request: MigrateJobRequest, ctx: JobContext): Promise<HostMigrateResult> {
  const started = performance.now();
  const progress = (done: number, total: number | null, phase: 'loading' | 'scoring' | 'finishing') =>
    ctx.progress({
      jobId: ctx.jobId,
      phase,
      rowsDone: done,
      rowsTotal: total,
      rowsPerSec: 0,
      etaSeconds: null,
      elapsedSeconds: (performance.now() - started) / 1000,
    });
  progress(0, null, 'loading');
  // Staged first: a folder that cannot be written is refused before minutes of measuring.
  const staged = await stageFolder(request.outputDir, request.overwrite);
  try {
    let representations: Representations | null = null;
    const sample = await readMigrationSample(request, ctx, async (resolved, models) => {
      representations = await buildRepresentations(resolved, models);
      return representations.fused
        ? fusedColumnRequests(representations.fused.inputs)
        : new Map<string, ColumnRequest>();
    });
    const reps = representations as Representations | null;
    if (!reps) throw new StudioError('internal', 'migration: the representations were not built');
    const { resolved } = sample;
    const budgets: Budgets = { agreement: request.budgetAgreement, metric: request.budgetMetric };
    const probe = reps.fused?.bytes ?? sample.models.values().next().value!.bytes;
    const providers = await chooseProviders(request.migrateProviders, probe);
    const threads = request.migrateThreads ?? defaultThreadCounts();
    const referenceMetric = sample.truth
      ? metricValue(resolved.task, sample.reference, sample.truth, resolved.classes.length)
      : null;

    const measureInput: MeasureInput = {
      resolved,
      models: sample.models,
      fusedInputs: reps.fused?.inputs ?? null,
      chunks: sample.chunks,
      rows: sample.rows,
      dataset: sample.dataset,
      signal: ctx.signal,
    };
    const total = reps.list.length * providers.run.length * threads.length;
    const candidates: MigrationCandidate[] = [];
    progress(0, total, 'scoring');
    for (const representation of reps.list) {
      for (const provider of providers.run) {
        for (const count of threads) {
          if (ctx.signal.aborted) throw new StudioError('cancelled', 'cancelled');
          const candidate = await candidateFigures(representation, provider, count, measureInput, sample, {
            budgets,
            referenceMetric,
          });
          candidates.push(candidate);
          progress(candidates.length, total, 'scoring');
        }
      }
    }
    const recommendation = recommend(candidates, budgets);
    progress(total, total, 'finishing');

    const warnings: string[] = [];
    if (providers.run.length === 0) warnings.push('none of the providers asked for runs on this machine');
    if (!recommendation)
      warnings.push(
        `no combination meets the budgets (agreement ≥ ${budgets.agreement}` +
          `${sample.truth ? `, metric worsening ≤ ${budgets.metric}` : ''}): ` +
          `only ${MANIFEST_NAME} was written; loosen a budget or keep the ensemble as it is`,
      );
    const chosen = recommendation ? reps.list.find((r) => r.name === recommendation.representation)! : null;
    const artifact =
      chosen && chosen.error === null
        ? await writeArtifact(staged.path, {
            representation: chosen.name,
            spec: request.spec,
            baseDir: request.baseDir,
            bytes: 'bytes' in chosen ? chosen.bytes : undefined,
          })
        : null;
    const manifest = buildManifest({
      ensemble: {
        name: request.spec.name,
        task: resolved.task,
        classes: resolved.task === 'classification' ? resolved.classes : null,
      },
      input: {
        path: request.input,
        sizeBytes: sample.dataset.sizeBytes,
        fingerprint: await datasetFingerprint(request.input),
        sampleRows: sample.rows,
        label: request.label ?? null,
      },
      budgets,
      referenceMetric:
        referenceMetric === null ? null : { name: metricName(resolved.task), value: referenceMetric },
      recommendation,
      artifact,
      candidates,
      absentProviders: providers.absent,
      warnings,
    });
    await writeFile(join(staged.path, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n', 'utf8');
    if (ctx.signal.aborted) throw new StudioError('cancelled', 'cancelled');
    await staged.commit();

    const best = recommendation
      ? candidates.find(
          (c) =>
            c.representation === recommendation.representation &&
            c.provider === recommendation.provider &&
            c.threads === recommendation.threads,
        )!
      : null;
    const seconds = (performance.now() - started) / 1000;
    return {
      kind: 'migrate',
      rows: sample.rows,
      seconds,
      rowsPerSec: best?.rowsPerSec ?? 0,
      providerRequested: recommendation?.provider ?? 'cpu',
      providerUsed: best?.providerUsed ?? 'cpu',
      warnings,
      models: memberReports(resolved, sample.models),
      dataset: sample.dataset,
      classes: resolved.task === 'classification' ? resolved.classes : null,
      metrics: best ? recommendedMetrics(best) : [],
      artifacts: { migration: manifest },
      budgets,
      candidates,
      recommendation,
      absentProviders: providers.absent,
      outputDir: request.outputDir,
      written: [
        ...(artifact?.files.map((f) => join(request.outputDir, f.path)) ?? []),
        join(request.outputDir, MANIFEST_NAME),
      ],
      manifestPath: join(request.outputDir, MANIFEST_NAME),
    };
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

/** One combination measured and judged; a combination that cannot run says why instead. */
async function candidateFigures(
  representation: Representation,
  provider: Provider,
  threads: number,
  input: MeasureInput,
  sample: MigrationSample,
  judge: { budgets: Budgets; referenceMetric: number | null },
): Promise<MigrationCandidate> {
  const { resolved } = sample;
  const metric = sample.truth ? metricName(resolved.task) : null;
  const failed = (warning: string, sizeBytes: number | null = null): MigrationCandidate => ({
    representation: representation.name,
    provider,
    providerUsed: provider,
    threads,
    ok: false,
    sizeBytes,
    loadSeconds: null,
    rowsPerSec: null,
    maxDiff: null,
    agreement: null,
    metric,
    metricValue: null,
    metricChange: null,
    withinBudget: false,
    warning,
  });
  if (representation.error !== null) return failed(representation.error);
  let timing;
  try {
    timing = await measureCandidate(representation, provider, threads, input);
  } catch (error) {
    if (error instanceof StudioError && error.code === 'cancelled') throw error;
    return failed(
      error instanceof Error ? error.message.split('\n')[0]! : String(error),
      representation.sizeBytes,
    );
  }
  // A provider that fell back ran on cpu: its figures would be cpu's under another name.
  if (timing.providerUsed !== provider)
    return {
      ...failed(timing.warning ?? `fell back to ${timing.providerUsed}`, representation.sizeBytes),
      providerUsed: timing.providerUsed,
    };
  const comparison = compareWithReference(sample.reference, timing.outputs);
  const value =
    sample.truth && judge.referenceMetric !== null
      ? metricValue(resolved.task, timing.outputs, sample.truth, resolved.classes.length)
      : null;
  const candidate: MigrationCandidate = {
    representation: representation.name,
    provider,
    providerUsed: timing.providerUsed,
    threads,
    ok: true,
    sizeBytes: representation.sizeBytes,
    loadSeconds: timing.loadSeconds,
    rowsPerSec: timing.rowsPerSec,
    maxDiff: comparison.maxDiff,
    agreement: comparison.agreement,
    metric,
    metricValue: value,
    metricChange: value === null ? null : value - judge.referenceMetric!,
    withinBudget: false,
    warning: timing.warning,
  };
  const miss = budgetMiss(candidate, judge.budgets);
  return { ...candidate, withinBudget: miss === null, warning: miss ?? candidate.warning };
}

function recommendedMetrics(best: MigrationCandidate) {
  const scope = 'recommended';
  return [
    { scope, name: 'rows_per_sec', value: best.rowsPerSec },
    { scope, name: 'load_seconds', value: best.loadSeconds },
    { scope, name: 'size_bytes', value: best.sizeBytes },
    { scope, name: 'max_abs_diff', value: best.maxDiff },
    { scope, name: 'agreement', value: best.agreement },
    ...(best.metric && best.metricChange !== null
      ? [
          { scope, name: best.metric, value: best.metricValue },
          { scope, name: `${best.metric}_change`, value: best.metricChange },
        ]
      : []),
  ];
}

/** 1 and every power of two up to the cores, and the core count itself. */
export function defaultThreadCounts(cores = availableParallelism()): number[] {
  const counts = [1];
  for (let n = 2; n <= cores; n *= 2) counts.push(n);
  if (!counts.includes(cores)) counts.push(cores);
  return counts;
}
