/**
 * The engine's side of the scoring service's process: start it (fork under Node, a
 * utilityProcess in the app — the same SpawnHost as job hosts), wait until it serves, ask it for
 * stats, stop it, and hear when it dies on its own.
 */
import { errorFromPayload, StudioError } from '../../contract/errors';
import type { ServiceStats } from '../../contract/service-types';
import type { SpawnHost } from '../host/host-client';
import {
  isServiceHostMessage,
  type ServeRequest,
  type ServiceHostMessage,
  type ServiceReady,
} from './protocol';

/** How long a stats question may wait (the service may be inside a long ONNX Runtime call). */
const STATS_TIMEOUT_MS = 2000;
/** How long a stop may take (requests in flight finish first) before the process is killed. */
const STOP_TIMEOUT_MS = 5000;

export interface ServiceProcess {
  ready: ServiceReady;
  /** The service's stats now; null when it does not answer in time. */
  stats(): Promise<ServiceStats | null>;
  /** Stops serving and waits for the process to end; the final stats, or null if it had to be killed. */
  stop(): Promise<ServiceStats | null>;
  /** Called once if the process ends without being stopped, with why. */
  onUnexpectedExit(listener: (why: string) => void): void;
}

export async function startServiceProcess(
  spawnHost: SpawnHost,
  request: ServeRequest,
): Promise<ServiceProcess> {
  const host = spawnHost();
  let nextId = 1;
  const waiting = new Map<number, (stats: ServiceStats) => void>();
  let exited = false;
  let stopping = false;
  let onUnexpected: ((why: string) => void) | null = null;
  const exitedPromise = new Promise<string>((resolve) => {
    host.onExit((code, signal) => {
      exited = true;
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      const last = lastLine(host.stderrTail?.() ?? '');
      resolve(`the scoring service process ${how}${last ? `: ${last}` : ''}`);
    });
  });

  const ready = new Promise<ServiceReady>((resolve, reject) => {
    host.onMessage((message) => {
      if (!isServiceHostMessage(message)) return;
      handle(message, resolve, reject);
    });
    void exitedPromise.then((why) => reject(new StudioError('internal', `${why} before it was serving`)));
  });

  function handle(
    message: ServiceHostMessage,
    resolveReady: (ready: ServiceReady) => void,
    rejectReady: (error: Error) => void,
  ): void {
    switch (message.service) {
      case 'ready':
        resolveReady(message.ready);
        break;
      case 'failed':
        rejectReady(errorFromPayload(message.error));
        break;
      case 'stats':
      case 'stopped':
        waiting.get(message.id)?.(message.stats);
        waiting.delete(message.id);
        break;
    }
  }

  function ask(type: 'serve-stats' | 'serve-stop', timeoutMs: number): Promise<ServiceStats | null> {
    if (exited) return Promise.resolve(null);
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(null);
      }, timeoutMs);
      waiting.set(id, (stats) => {
        clearTimeout(timer);
        resolve(stats);
      });
      void exitedPromise.then(() => {
        clearTimeout(timer);
        resolve(null);
      });
      host.send({ type, id });
    });
  }

  host.send({ type: 'serve', request });
  let readyInfo: ServiceReady;
  try {
    readyInfo = await ready;
  } catch (error) {
    host.kill();
    throw error;
  }
  void exitedPromise.then((why) => {
    if (!stopping) onUnexpected?.(why);
  });

  return {
    ready: readyInfo,
    stats: () => ask('serve-stats', STATS_TIMEOUT_MS),
    async stop() {
      stopping = true;
      const stats = await ask('serve-stop', STOP_TIMEOUT_MS);
      if (!exited) {
        const killTimer = setTimeout(() => host.kill(), stats ? 1000 : 0);
        await exitedPromise;
        clearTimeout(killTimer);
      }
      return stats;
    },
    onUnexpectedExit(listener) {
      onUnexpected = listener;
    },
  };
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('at '));
  return (lines.at(-1) ?? '').slice(0, 300);
}
