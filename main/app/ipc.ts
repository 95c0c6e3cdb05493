/**
 * The IPC adapter: one handler for every contract call, one for the desktop calls, and the
 * engine's events forwarded to the window. Each message is checked for its sender frame
 * (sender-check.ts) and parsed by the schema before anything runs; every path in a contract call
 * must have been granted (path-grants.ts, call-paths.ts): the renderer never names arbitrary
 * paths. The HTTP bridge keeps its own dispatch without grants: there a token holder types paths
 * on purpose (docs/SECURITY.md).
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { CallReply } from '../../contract/call-reply';
import { CHANNELS } from '../../preload/app-calls';
import { rejectedWith } from '../adapters/dispatch';
import type { Engine } from '../adapters/engine';
import { BRIDGE_EVENTS } from '../adapters/events';
import { dispatchAppCall, type AppHandlers } from './app-call-dispatch';
import { dispatchGrantedCall } from './call-paths';
import type { PathGrants } from './path-grants';
import { isTrustedSender } from './sender-check';

export interface IpcOptions {
  engine: Engine;
  appHandlers: AppHandlers;
  /** The paths the window may name: granted by the dialogs, drops, menu and engine answers. */
  grants: PathGrants;
  /** The window whose page may call; read on every message (it is created after this runs). */
  getWindow: () => BrowserWindow | null;
  devServerOrigin?: string;
}

/** Registers the handlers; returns a function that removes them and the event forwarding. */
export function registerIpc(options: IpcOptions): () => void {
  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent) => {
    const window = options.getWindow();
    const webContentsId = window && !window.isDestroyed() ? window.webContents.id : undefined;
    return isTrustedSender(event, { webContentsId, devServerOrigin: options.devServerOrigin });
  };
  const untrusted = (): CallReply =>
    rejectedWith('this frame may not call the app', { field: '(sender)' }).reply;

  ipcMain.handle(CHANNELS.call, async (event, name: unknown, input: unknown): Promise<CallReply> => {
    if (!trusted(event)) return untrusted();
    if (typeof name !== 'string')
      return rejectedWith('the call name must be a string', { field: '(call)' }).reply;
    return (await dispatchGrantedCall(options.engine.handlers, name, input, options.grants)).reply;
  });
  ipcMain.handle(CHANNELS.app, async (event, name: unknown, input: unknown): Promise<CallReply> => {
    if (!trusted(event)) return untrusted();
    return (await dispatchAppCall(options.appHandlers, name, input)).reply;
  });
  // Synchronous on purpose: the grant is in place before the next message (the call that uses
  // the dropped file) is handled.
  const onDropped = (event: IpcMainEvent, path: unknown) => {
    if (!trusted(event) || typeof path !== 'string') return;
    options.grants.grantFile(path, 'read');
  };
  ipcMain.on(CHANNELS.dropped, onDropped);

  const unsubscribes = BRIDGE_EVENTS.map((name) =>
    options.engine.on(name, (payload) => {
      const window = options.getWindow();
      if (window && !window.isDestroyed()) window.webContents.send(CHANNELS.event, name, payload);
    }),
  );

  return () => {
    ipcMain.removeHandler(CHANNELS.call);
    ipcMain.removeHandler(CHANNELS.app);
    ipcMain.removeListener(CHANNELS.dropped, onDropped);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
