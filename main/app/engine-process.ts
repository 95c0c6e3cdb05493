/**
 * Engine job hosts as Electron utility processes. onnxruntime-node's session.run blocks its event
 * loop, so it must never run on the main thread; a utilityProcess is Electron's Node child that a
 * crash or a kill takes down alone. Wrapped to the engine's HostProcess shape (host-client.ts),
 * the same one child_process.fork gives under plain Node.
 */
import { utilityProcess } from 'electron';
import { HOST_V8_FLAGS, hostEnvironment, type HostProcess } from '../host/host-client';

/** Enough of a crashed host's stderr to explain the crash in the job's error. */
const STDERR_TAIL_CHARS = 4000;

export function spawnUtilityHost(entryPath: string): HostProcess {
  const child = utilityProcess.fork(entryPath, [], {
    serviceName: 'Ensemble Studio engine host',
    execArgv: [...HOST_V8_FLAGS],
    env: hostEnvironment(),
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let exited = false;
  let stderr = '';
  child.once('exit', () => {
    exited = true;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
  });
  return {
    // Messages sent before the process has started are queued by Electron.
    send: (message) => {
      if (!exited) child.postMessage(message);
    },
    onMessage: (listener) => {
      child.on('message', (message: unknown) => listener(message));
    },
    // utilityProcess reports only an exit code; a kill shows as a non-zero code, not a signal.
    onExit: (listener) => {
      child.once('exit', (code: number) => listener(code, null));
    },
    kill: () => {
      if (!exited) child.kill();
    },
    stderrTail: () => stderr,
  };
}
