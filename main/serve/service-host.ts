/**
 * The scoring service inside its own process (the engine host entry, told to serve): binds the
 * port first (so /ping answers 503 while loading, and a taken port is reported at once), loads the
 * members once, answers `ready`, then serves until the engine asks it to stop or goes away
 * (engine-host.ts exits when its parent disconnects; the parent watchdog covers kill -9).
 */
import { basename } from 'node:path';
import type { Server } from 'node:http';
import { StudioError, toErrorPayload } from '../../contract/errors';
import { appVersion } from '../environment/app-version';
import { onnxruntimeVersion } from '../runtime/providers';
import type { ParentPort } from '../host/parent-port';
import { createHttpService } from './http-service';
import { MicroBatcher } from './micro-batcher';
import type { ServeRequest, ServiceParentMessage } from './protocol';
import { openScorer, type Scorer } from './scorer';
import { ServiceStatsRecorder } from './service-stats';

/** How long in-flight requests get to finish at a stop before their connections are cut. */
const STOP_GRACE_MS = 2000;

interface Running {
  server: Server;
  stats: ServiceStatsRecorder;
  batcher: MicroBatcher | null;
  scorer: Scorer | null;
}

let running: Running | null = null;

export function handleServiceMessage(port: ParentPort, message: ServiceParentMessage): void {
  if (message.type === 'serve') {
    if (!running) void serve(port, message.request);
    return;
  }
  const stats = running ? running.stats.snapshot(running.batcher?.batches ?? 0) : emptyStats();
  if (message.type === 'serve-stats') {
    port.send({ service: 'stats', id: message.id, stats });
    return;
  }
  void stop().then(async () => {
    const final = running ? running.stats.snapshot(running.batcher?.batches ?? 0) : stats;
    port.send({ service: 'stopped', id: message.id, stats: final });
    await port.flush();
    process.exit(0);
  });
}

async function serve(port: ParentPort, request: ServeRequest): Promise<void> {
  const stats = new ServiceStatsRecorder();
  let scoring: { needed: Scorer['needed']; batcher: MicroBatcher } | null = null;
  let scorer: Scorer | null = null;
  const server = createHttpService({
    token: request.token,
    maxBodyBytes: request.maxBodyBytes,
    scoring: () => scoring,
    stats,
    version: () => ({
      app: 'ensemble-studio',
      appVersion: appVersion(),
      onnxruntimeVersion: onnxruntimeVersion(),
      ensemble: request.spec.name,
      task: request.spec.task,
      specHash: request.specHash,
      ready: scoring !== null,
      members: (scorer?.members ?? []).map((m) => ({
        name: m.name,
        file: basename(m.file),
        sha256: m.sha256,
      })),
    }),
  });
  running = { server, stats, batcher: null, scorer: null };
  try {
    const bound = await listen(server, request.host, request.port);
    scorer = await openScorer(request.spec, request.baseDir, {
      provider: request.provider,
      threads: request.threads,
    });
    const batcher = new MicroBatcher((chunk) => scorer!.score(chunk), {
      waitMs: request.batchWaitMs,
      maxRows: request.maxBatchRows,
    });
    running = { server, stats, batcher, scorer };
    scoring = { needed: scorer.needed, batcher };
    port.send({
      service: 'ready',
      ready: { port: bound, columns: [...scorer.needed.keys()], warnings: scorer.warnings },
    });
  } catch (error) {
    port.send({ service: 'failed', error: toErrorPayload(error) });
    await port.flush();
    process.exit(1);
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    server.listen({ host, port, exclusive: true }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): StudioError {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new StudioError(
        'bad_input',
        `port ${port} on ${host} is in use: pick another port (0 picks a free one)`,
        { field: 'port' },
      );
    case 'EACCES':
      return new StudioError(
        'bad_input',
        `not allowed to listen on ${where} (ports below 1024 need privileges): pick another port`,
        { field: 'port' },
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StudioError(
        'bad_input',
        `${host} is not an address of this machine: the service cannot listen there`,
        { field: 'host' },
      );
    default:
      return new StudioError('internal', `cannot listen on ${where}: ${error.message}`, { field: 'host' });
  }
}

/** Stops taking connections, lets requests in flight finish (up to a grace), then releases the models. */
async function stop(): Promise<void> {
  if (!running) return;
  const { server, scorer } = running;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const grace = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
  await closed;
  clearTimeout(grace);
  await scorer?.close();
}

function emptyStats() {
  return new ServiceStatsRecorder().snapshot(0);
}
