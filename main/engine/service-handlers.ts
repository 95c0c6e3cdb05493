/**
 * The contract's `service.*` calls: the local scoring service (MLflow's protocol, main/serve), one
 * at a time, in its own process. The engine owns that process: close() stops it, and the process
 * itself ends when the engine's process dies (the host's parent watchdog).
 */
import type { Handlers, ServiceStartRequest } from '../../contract/contract';
import { StudioError } from '../../contract/errors';
import { SERVICE_STOPPED, type ServiceStats, type ServiceStatus } from '../../contract/service-types';
import { specContentHash } from '../history/ensembles';
import { isLoopbackHost } from '../serve/bearer';
import { curlExample, serviceUrl } from '../serve/curl-example';
import type { ServiceProcess } from '../serve/service-process';
import type { EngineServices } from './engine-services';
import { loadEnsembleSource, loadSpecFile, type LoadedSpec } from './load-spec';

type ServiceCalls = 'service.start' | 'service.stop' | 'service.status';

interface Serving {
  process: ServiceProcess;
  status: ServiceStatus;
}

export function serviceHandlers(
  services: EngineServices,
): Pick<Handlers, ServiceCalls> & { close(): Promise<void> } {
  let serving: Serving | null = null;
  let starting = false;
  let closed = false;
  /** What the last service left behind: its final stats and why it ended. */
  let last: ServiceStatus = stoppedStatus();

  async function start(request: ServiceStartRequest): Promise<ServiceStatus> {
    if (serving || starting) {
      const where = serving?.status.url ? ` at ${serving.status.url}` : '';
      throw new StudioError('bad_input', `the scoring service is already running${where}: stop it first`);
    }
    if (!isLoopbackHost(request.host) && !request.token) {
      throw new StudioError(
        'bad_input',
        `serving on ${request.host} (not this machine's loopback) needs a token, so that only clients ` +
          'given it can score: set one (8 characters or more), or serve on 127.0.0.1',
        { field: 'token' },
      );
    }
    starting = true;
    try {
      const loaded = await loadServed(request);
      // The service reads the models once, at start: a bundle's extracted copy is not needed after.
      const { startServiceProcess } = await import('../serve/service-process');
      const process = await startServiceProcess(services.spawnHost, {
        spec: loaded.spec,
        baseDir: loaded.baseDir,
        specHash: specContentHash(loaded.spec),
        host: request.host,
        port: request.port,
        token: request.token ?? null,
        provider: request.provider,
        threads: request.threads,
        maxBodyBytes: request.maxBodyBytes,
        batchWaitMs: request.batchWaitMs,
        maxBatchRows: request.maxBatchRows,
      }).finally(() => loaded.cleanup());
      if (closed) {
        await process.stop();
        throw new StudioError('cancelled', 'the engine closed while the scoring service was starting');
      }
      const url = serviceUrl(request.host, process.ready.port);
      const tokenRequired = request.token !== undefined;
      const current: Serving = {
        process,
        status: {
          running: true,
          url,
          host: request.host,
          port: process.ready.port,
          tokenRequired,
          ensembleName: loaded.spec.name,
          specHash: specContentHash(loaded.spec),
          startedAt: new Date().toISOString(),
          curlExample: curlExample(url, process.ready.columns, tokenRequired),
          stats: null,
          error: null,
        },
      };
      process.onUnexpectedExit((why) => {
        if (serving !== current) return;
        serving = null;
        last = { ...current.status, running: false, error: why };
      });
      serving = current;
      return current.status;
    } finally {
      starting = false;
    }
  }

  async function stop(): Promise<ServiceStatus> {
    const current = serving;
    if (!current) return last;
    serving = null;
    const stats = await current.process.stop();
    last = { ...current.status, running: false, stats: stats ?? current.status.stats };
    return last;
  }

  return {
    'service.start': start,
    'service.stop': stop,
    'service.status': async () => {
      const current = serving;
      if (!current) return last;
      const stats: ServiceStats | null = await current.process.stats();
      if (stats) current.status = { ...current.status, stats };
      return current.status;
    },
    async close() {
      closed = true;
      await stop();
    },
  };
}

/**
 * The spec to serve, and what to remove once the service has loaded it: a bundle is verified and
 * extracted to a private temp folder, which is needed only until the models are read.
 */
async function loadServed(request: ServiceStartRequest): Promise<LoadedSpec & { cleanup(): Promise<void> }> {
  if (request.ensemble) return { ...(await loadEnsembleSource(request.ensemble)), cleanup: async () => {} };
  const { openBundleToTemp } = await import('../bundle');
  const opened = await openBundleToTemp(request.bundle!, request.publicKey);
  try {
    return { ...(await loadSpecFile(opened.specPath)), cleanup: opened.cleanup };
  } catch (error) {
    await opened.cleanup();
    throw error;
  }
}

function stoppedStatus(): ServiceStatus {
  return { ...SERVICE_STOPPED };
}
