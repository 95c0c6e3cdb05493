/**
 * `providers --benchmark`: the ensemble on a sample of the analyst's data, once per execution
 * provider and intra-op thread count, to pick the fastest that really runs here. Optionally saves
 * ONNX Runtime's optimised graph of each member per provider — specific to this machine.
 */
import { availableParallelism } from 'node:os';
import { lstat, mkdir } from 'node:fs/promises';
import { fileInside, safeFileName } from '../files/safe-name';
import type * as ort from 'onnxruntime-node';
import { openDataset } from '../data/open-dataset';
import type { DataChunk } from '../../contract/data-types';
import { resolveEnsemble } from '../ensemble/resolve';
import { buildFeeds } from '../ensemble/feeds';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { StudioError } from '../../contract/errors';
import { createSession } from '../runtime/create-session';
import { listProviders } from '../runtime/providers';
import { toFeeds } from '../runtime/tensors';
import {
  ProviderSchema,
  type BenchmarkEntry,
  type BenchmarkResult,
  type Provider,
} from '../../contract/contract';
import type { JobContext } from './job-context';
import { loadModels, modelInfos, memberReports, type LoadedModels } from './load-members';
import type { BenchmarkJobRequest as JobRequest } from './protocol';
import type { HostBenchmarkResult } from '../../contract/job-results';

/** Timed passes over the sample after one warm-up pass. */
const REPEATS = 2;

export async function runBenchmarkJob(request: JobRequest, ctx: JobContext): Promise<HostBenchmarkResult> {
  const started = performance.now();
  const models = await loadModels(request.spec, request.baseDir);
  const infos = modelInfos(models);
  const reader = await openDataset(request.input);
  const resolved = resolveEnsemble(request.spec, infos, reader.info.columns);
  const sample = await readSample(resolved, reader, request.sampleRows ?? 20_000);
  const rows = sample.reduce((n, c) => n + c.rowCount, 0);
  if (rows === 0)
    throw new StudioError('bad_input', `${request.input}: no rows to benchmark on`, { file: request.input });

  const providers = request.benchmarkProviders ?? offeredProviders();
  const threads = request.benchmarkThreads ?? defaultThreadCounts();
  const targets = request.saveOptimizedDir
    ? await optimizedTargets(request.saveOptimizedDir, resolved, providers, request.overwrite)
    : null;
  const entries: BenchmarkEntry[] = [];
  const optimizedModels: BenchmarkResult['optimizedModels'] = [];
  const total = providers.length * threads.length;
  for (const provider of providers) {
    for (const [i, count] of threads.entries()) {
      if (ctx.signal.aborted) throw new StudioError('cancelled', 'cancelled');
      const saveTo = targets && i === 0 ? targets.get(provider) : undefined;
      const entry = await measure(resolved, models, sample, rows, provider, count, saveTo, optimizedModels);
      entries.push(entry);
      ctx.progress({
        jobId: ctx.jobId,
        phase: 'scoring',
        rowsDone: entries.length,
        rowsTotal: total,
        rowsPerSec: 0,
        etaSeconds: null,
        elapsedSeconds: (performance.now() - started) / 1000,
      });
    }
  }
  const winners = entries.filter((e) => e.ok && e.rowsPerSec !== null);
  const fastest = winners.sort((a, b) => b.rowsPerSec! - a.rowsPerSec!)[0];
  const seconds = (performance.now() - started) / 1000;
  return {
    kind: 'benchmark',
    rows,
    seconds,
    rowsPerSec: fastest?.rowsPerSec ?? 0,
    providerRequested: providers[0] ?? 'cpu',
    providerUsed: fastest?.providerUsed ?? 'cpu',
    warnings: [...new Set(entries.map((e) => e.warning).filter((w): w is string => w !== null))],
    models: memberReports(resolved, models),
    dataset: { ...reader.info },
    classes: resolved.task === 'classification' ? resolved.classes : null,
    metrics: entries
      .filter((e) => e.rowsPerSec !== null)
      .map((e) => ({ scope: `${e.provider}×${e.threads}`, name: 'rows_per_sec', value: e.rowsPerSec })),
    artifacts: { benchmark: entries },
    entries,
    best: fastest
      ? { provider: fastest.provider, threads: fastest.threads, rowsPerSec: fastest.rowsPerSec! }
      : null,
    optimizedModels,
  };
}

async function measure(
  resolved: ResolvedEnsemble,
  models: LoadedModels,
  sample: readonly DataChunk[],
  rows: number,
  provider: Provider,
  threads: number,
  saveTo: Map<string, string> | undefined,
  saved: BenchmarkResult['optimizedModels'],
): Promise<BenchmarkEntry> {
  const sessions: ort.InferenceSession[] = [];
  let warning: string | null = null;
  let providerUsed: string = provider;
  const loadStart = performance.now();
  try {
    for (const plan of resolved.members) {
      const model = models.get(plan.name)!;
      const path = saveTo?.get(plan.name);
      const opened = await createSession(
        model.bytes,
        { provider, threads, optimizedModelFilePath: path },
        {
          member: plan.name,
          file: model.path,
        },
      );
      sessions.push(opened.session);
      if (opened.warning) warning = opened.warning;
      if (opened.provider !== provider) providerUsed = opened.provider;
      else if (path) saved.push({ member: plan.name, provider, path });
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    // A provider that fell back ran on CPU: timing it would show CPU's rate under its name.
    if (providerUsed !== provider)
      return { provider, threads, providerUsed, ok: false, rowsPerSec: null, loadSeconds, warning };
    const feeds = sample.map((chunk) => resolved.members.map((m) => toFeeds(buildFeeds(m, chunk))));
    const runAll = async () => {
      for (const chunkFeeds of feeds) {
        for (let i = 0; i < sessions.length; i++) {
          await sessions[i]!.run(chunkFeeds[i]!, [resolved.members[i]!.output]);
        }
      }
    };
    await runAll();
    const t = performance.now();
    for (let r = 0; r < REPEATS; r++) await runAll();
    const rowsPerSec = (rows * REPEATS) / ((performance.now() - t) / 1000);
    return { provider, threads, providerUsed, ok: true, rowsPerSec, loadSeconds, warning };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return {
      provider,
      threads,
      providerUsed,
      ok: false,
      rowsPerSec: null,
      loadSeconds: null,
      warning: message,
    };
  } finally {
    await Promise.allSettled(sessions.map((s) => s.release()));
  }
}

/**
 * Where each provider's optimised graph of each member goes: `<member>.<provider>.optimized.onnx`
 * with the member name made a safe file name (a member named `../../x` stays inside the folder),
 * a suffix when two names become one, and every path checked to lie in the folder. Files already
 * there are refused unless the request says to replace them, before anything runs; a link there is
 * refused always (ONNX Runtime would write through it).
 */
async function optimizedTargets(
  dir: string,
  resolved: ResolvedEnsemble,
  providers: readonly Provider[],
  overwrite: boolean,
): Promise<Map<Provider, Map<string, string>>> {
  const targets = new Map<Provider, Map<string, string>>();
  const taken = new Set<string>();
  const existing: string[] = [];
  for (const provider of providers) {
    const byMember = new Map<string, string>();
    for (const plan of resolved.members) {
      const member = safeFileName(plan.name, 'member');
      const tail = `.${safeFileName(provider)}.optimized.onnx`;
      let name = `${member}${tail}`;
      // Case-blind, as on Windows and macOS, where `A_B` and `a_b` are one file.
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${member}-${n}${tail}`;
      taken.add(name.toLowerCase());
      const file = fileInside(dir, name);
      const found = await lstat(file).catch(() => null);
      if (found?.isSymbolicLink() || (found && !found.isFile()))
        throw new StudioError(
          'bad_input',
          `${file} is a link or a folder, not a file: remove it or choose another folder for the optimised models`,
          { file, member: plan.name },
        );
      if (found && !overwrite) existing.push(file);
      byMember.set(plan.name, file);
    }
    targets.set(provider, byMember);
  }
  if (existing.length > 0)
    throw new StudioError(
      'bad_input',
      `${existing.length === 1 ? `${existing[0]} already exists` : `${existing.length} optimised models already exist in ${dir} (${existing.join(', ')})`}: ` +
        'choose an empty folder, or ask to overwrite (--overwrite)',
      { file: existing[0] },
    );
  await mkdir(dir, { recursive: true });
  return targets;
}

async function readSample(
  resolved: ResolvedEnsemble,
  reader: Awaited<ReturnType<typeof openDataset>>,
  limit: number,
): Promise<DataChunk[]> {
  const chunks: DataChunk[] = [];
  let rows = 0;
  for await (const chunk of reader.chunks({ columns: resolved.columns, chunkRows: Math.min(8192, limit) })) {
    chunks.push(chunk);
    rows += chunk.rowCount;
    if (rows >= limit) break;
  }
  return chunks;
}

/** The providers this ONNX Runtime build ships (not ones that need an outside download). */
export function offeredProviders(): Provider[] {
  return listProviders()
    .filter((p) => p.bundled)
    .map((p) => p.name)
    .filter((name): name is Provider => ProviderSchema.safeParse(name).success);
}

function defaultThreadCounts(): number[] {
  const cores = availableParallelism();
  const counts = [1];
  for (let n = 2; n <= cores; n *= 2) counts.push(n);
  if (!counts.includes(cores)) counts.push(cores);
  return counts;
}
