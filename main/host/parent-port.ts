/**
 * The host's side of its channel to the engine, the same for both ways of starting it:
 * child_process.fork gives `process.send`, Electron's utilityProcess gives `process.parentPort`.
 */
import type { HostMessage, ParentMessage } from '../jobs/protocol';

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function isElectronParentPort(value: unknown): value is ElectronParentPort {
  return (
    typeof value === 'object' &&
    value !== null &&
    'on' in value &&
    typeof value.on === 'function' &&
    'postMessage' in value &&
    typeof value.postMessage === 'function'
  );
}

export interface ParentPort {
  send(message: HostMessage): void;
  onMessage(listener: (message: ParentMessage) => void): void;
  onDisconnect(listener: () => void): void;
  /** Resolves once queued messages have been handed to the OS. */
  flush(): Promise<void>;
}

export function connectToParent(): ParentPort {
  // Electron adds `process.parentPort` in a utilityProcess; Node's types lack it.
  const electronPort: unknown = Reflect.get(process, 'parentPort');
  if (isElectronParentPort(electronPort)) {
    return {
      send: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as ParentMessage)),
      // utilityProcess children are ended by Electron when the app quits.
      onDisconnect: () => undefined,
      flush: () => new Promise((resolve) => setTimeout(resolve, 10)),
    };
  }
  if (!process.send) throw new Error('engine host must be started with an IPC channel');
  let pending: Promise<void> = Promise.resolve();
  return {
    send: (message) => {
      pending = new Promise((resolve) => {
        process.send!(message, undefined, undefined, () => resolve());
      });
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as ParentMessage)),
    onDisconnect: (listener) => process.on('disconnect', listener),
    flush: () => pending,
  };
}
