/**
 * The engine: the one implementation of the contract (contract/contract.ts). The Electron IPC
 * adapter, the HTTP bridge and the CLI all call these handlers; none of them adds behaviour.
 */
import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { loadWorkspace, saveWorkspace } from '../history/workspace';
import type { Database } from 'better-sqlite3';
import type { EventMap, EventName, Handlers, JobKind, JobStarted } from '../../contract/contract';
import type { JobOf } from './job-request';
import { openHistory, defaultHistoryPath } from '../history/open-history';
import { listRuns, getRun, compareRuns } from '../history/runs';
import { forkHost, type SpawnHost } from '../host/host-client';
import { JobManager } from './job-manager';
import { jobHandlers } from './job-handlers';
import { guardSpecSave, loadEnsembleSource, loadSpecFile, saveSpecFile } from './load-spec';
import { appVersion } from '../environment/app-version';
import { listProviders, onnxruntimeVersion } from '../runtime/providers';
import type { RunFilter } from '../../contract/history-types';
import { StoredRunCache } from '../whatif/stored-run';
import type { EngineServices } from './engine-services';
import { bundleHandlers } from './bundle-handlers';
import { serviceHandlers } from './service-handlers';
import { shardHandlers } from './shard-handlers';

export interface EngineOptions {
  /** The SQLite history file; defaults to the per-user one the desktop app uses. */
  historyPath?: string;
  /** How job hosts are started: fork under Node, utilityProcess under Electron. */
  spawnHost?: SpawnHost;
}

export interface Engine {
  handlers: Handlers;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** Starts a job of any kind, as its `jobs.<kind>` call does, with the request already parsed. */
  startJob<K extends JobKind>(job: JobOf<K>): Promise<JobStarted>;
  /** Resolves when a started job ends (CLI). */
  waitForJob(jobId: string): ReturnType<JobManager['wait']>;
  historyPath: string;
  db: Database;
  close(): Promise<void>;
}

export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const historyPath = options.historyPath ?? defaultHistoryPath();
  const db = openHistory(historyPath, { appVersion: appVersion() });
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const jobs = new JobManager(db, options.spawnHost ?? forkHost, events, historyPath);
  // The what-if panel asks again and again about one run: its scores stay loaded between calls.
  const storedRuns = new StoredRunCache(historyPath);
  const services: EngineServices = {
    db,
    historyPath,
    busyOutputs: () => jobs.busyOutputs(),
    startJob: (job) => jobs.start(job),
    waitForJob: (jobId) => jobs.wait(jobId),
    spawnHost: options.spawnHost ?? forkHost,
  };
  const { close: closeService, ...service } = serviceHandlers(services);

  const handlers: Handlers = {
    'app.info': async () => ({
      appVersion: appVersion(),
      onnxruntimeVersion: onnxruntimeVersion(),
      historyPath,
      providers: listProviders(),
      cores: availableParallelism(),
    }),
    'models.inspect': async ({ path }) => (await import('../model/inspect')).inspectModel(path),
    // DuckDB (a native library) is loaded on first use, not for every command that starts an engine.
    'data.preview': async ({ path, rows }) =>
      (await import('../data/preview')).previewDataset(path, { rows }),
    'ensembles.load': async ({ path }) => {
      const loaded = await loadSpecFile(path);
      return { path: loaded.specPath ?? path, spec: loaded.spec };
    },
    'ensembles.save': async ({ path, spec, overwrite }) => {
      await guardSpecSave(path, spec, overwrite, historyPath, jobs.busyOutputs());
      return { path: await saveSpecFile(path, spec) };
    },
    'ensembles.check': async ({ ensemble, input }) =>
      (await import('./check-ensemble')).checkEnsemble(await loadEnsembleSource(ensemble), input),
    ...jobHandlers((job) => jobs.start(job)),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'history.list': async (filter) => listRuns(db, filter as RunFilter),
    'history.show': async ({ id }) => getRun(db, id),
    'history.compare': async ({ a, b }) => compareRuns(db, a, b),
    'whatif.preview': async (request) => storedRuns.preview(request),
    'workspace.load': async () => loadWorkspace(db),
    'workspace.save': async ({ state }) => saveWorkspace(db, state),
    ...bundleHandlers(services),
    ...service,
    ...shardHandlers(services),
  };

  return {
    handlers,
    historyPath,
    db,
    on(event, listener) {
      events.on(event, listener as (payload: unknown) => void);
      return () => events.off(event, listener as (payload: unknown) => void);
    },
    startJob: (job) => jobs.start(job),
    waitForJob: (jobId) => jobs.wait(jobId),
    async close() {
      await closeService();
      await jobs.shutdown();
      db.close();
    },
  };
}
