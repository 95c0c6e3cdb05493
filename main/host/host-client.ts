/**
 * The engine's side of one engine host process: start it, send the job, relay its messages, and
 * cancel — politely first (between chunks), then by killing the process if it is stuck inside
 * session.run.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StudioErrorPayload } from '../../contract/errors';
import type { JobProgress } from '../../contract/contract';
import { isHostMessage, type JobRequest, type ParentMessage } from '../jobs/protocol';
import type { HostJobResult } from '../../contract/job-results';

/** The subset of a child process the engine uses; Electron's utilityProcess is wrapped to fit. */
export interface HostProcess {
  send(message: ParentMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
  /** What the process wrote to stderr lately, for the message when it dies. */
  stderrTail?(): string;
}

export type SpawnHost = () => HostProcess;

export type HostOutcome = { result: HostJobResult } | { error: StudioErrorPayload };

export interface RunningJob {
  readonly jobId: string;
  readonly done: Promise<HostOutcome>;
  cancel(): void;
}

/** How long a cancel may wait for the host to stop between chunks before it is killed. */
const CANCEL_GRACE_MS = 400;

/**
 * Runs one job in `host`, a process started for it (the engine starts it before checking the job's
 * files, so that its start-up overlaps them: main/engine/job-manager.ts).
 */
export function runInHost(
  host: HostProcess,
  jobId: string,
  request: JobRequest,
  onProgress: (progress: JobProgress) => void,
): RunningJob {
  let settled = false;
  let cancelRequested = false;
  let killTimer: NodeJS.Timeout | undefined;

  const done = new Promise<HostOutcome>((resolve) => {
    const settle = (outcome: HostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      resolve(outcome);
    };
    host.onMessage((message) => {
      if (!isHostMessage(message) || message.jobId !== jobId) return;
      if ('progress' in message) {
        if (!settled) onProgress(message.progress);
      } else if ('result' in message) {
        settle({ result: message.result });
      } else {
        settle({ error: message.error });
      }
    });
    host.onExit((code, signal) => {
      if (cancelRequested) {
        settle({ error: { code: 'cancelled', message: 'cancelled' } });
      } else {
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        const last = lastLine(host.stderrTail?.() ?? '');
        settle({
          error: {
            code: 'internal',
            message: `the engine host process ${how} before finishing the job${last ? `: ${last}` : ''}`,
          },
        });
      }
    });
  });

  host.send({ type: 'start', jobId, request });

  return {
    jobId,
    done,
    cancel() {
      if (settled || cancelRequested) return;
      cancelRequested = true;
      host.send({ type: 'cancel', jobId });
      killTimer = setTimeout(() => host.kill(), CANCEL_GRACE_MS);
    },
  };
}

/**
 * V8 flags for every host process (forked here, or an Electron utility process). The host's
 * garbage is mostly typed arrays handed between threads, and each marking of its small heap ran
 * on helper threads that took CPU from the scoring threads on a machine of few cores: collecting
 * on the collecting thread instead cut a 1M-row score by 3-5 % in wall and CPU time (README,
 * Benchmarks).
 */
export const HOST_V8_FLAGS: readonly string[] = ['--single-threaded-gc'];

/**
 * The environment a host starts with: the parent's, with two changes for a faster start and less
 * kernel time.
 * - Without NODE_EXTRA_CA_CERTS: Node reads that certificate bundle at every process start, for
 *   TLS, which a host never uses (nothing reaches a network); here, with the system's bundle named
 *   there, it cost each start about 40 ms.
 * - glibc's malloc asked for transparent huge pages (`glibc.malloc.hugetlb=1`, where the system
 *   offers them on request): the host's chunk-sized buffers (ONNX Runtime's, the typed arrays)
 *   then fault in 2 MiB at a time instead of 4 KiB, which on a virtual machine is costly per
 *   fault. A 1M-row score took 10-15 % less wall time here (README, Benchmarks). Other C
 *   libraries ignore the variable.
 */
export function hostEnvironment(parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...parent };
  delete env.NODE_EXTRA_CA_CERTS;
  const tunables = env.GLIBC_TUNABLES ?? '';
  // A setting the user made stands.
  if (!/(^|:)glibc\.malloc\.hugetlb=/.test(tunables)) {
    env.GLIBC_TUNABLES = tunables ? `${tunables}:glibc.malloc.hugetlb=1` : 'glibc.malloc.hugetlb=1';
  }
  return env;
}

/** The host entry: the built JavaScript next to this file, or the TypeScript source under tsx. */
export function hostEntryPath(): { path: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'engine-host.js');
  if (existsSync(built)) return { path: built, execArgv: [] };
  return { path: join(here, 'engine-host.ts'), execArgv: ['--import', 'tsx'] };
}

/** A host started ahead of the engine (forkHostEarly), for the first forkHost call to take. */
let early: HostProcess | null = null;

/**
 * Starts a host now, before the caller loads the rest of the engine: the command line does this
 * first thing for a command that runs a job, so the host's own start-up (ONNX Runtime, the data workers)
 * overlaps the CLI's instead of following it. A host nobody takes ends with its parent.
 */
export function forkHostEarly(): void {
  early ??= forkHost();
}

/** child_process.fork as a HostProcess: the CLI, the HTTP bridge and the tests use this. */
export function forkHost(): HostProcess {
  if (early) {
    const host = early;
    early = null;
    return host;
  }
  const entry = hostEntryPath();
  // For profiling the engine: ENSEMBLE_STUDIO_HOST_PROFILE=DIR writes a V8 CPU profile of the host
  // (and of its worker threads) into DIR when it exits.
  const profileDir = process.env.ENSEMBLE_STUDIO_HOST_PROFILE;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = fork(entry.path, [], {
    execArgv: [...HOST_V8_FLAGS, ...entry.execArgv, ...profile],
    env: hostEnvironment(),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  // Native libraries (Dawn, ONNX Runtime) write diagnostics to stderr. They are kept, not shown:
  // the job reports its own warnings, and a crash reports the tail of this log.
  let stderrTail = '';
  child.stderr?.on('data', (data: Buffer) => {
    stderrTail = (stderrTail + data.toString()).slice(-4000);
  });
  return {
    stderrTail: () => stderrTail,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code, signal) => listener(code, signal)),
    kill: () => child.kill('SIGKILL'),
  };
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('at '));
  return (lines.at(-1) ?? '').slice(0, 300);
}
