/**
 * The IPC adapter: one handler for every contract call, one for the desktop calls, and the
 * engine's events forwarded to the window. Each message is checked for its sender frame
 * (sender-check.ts) and parsed by the schema before anything runs.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { CallReply } from '../../preload/call-reply';
import { CHANNELS } from '../../preload/app-calls';
import { dispatchCall, rejectedWith } from '../bridge/dispatch';
import type { Engine } from '../bridge/engine';
import { BRIDGE_EVENTS } from '../bridge/events';
import { dispatchAppCall, type AppHandlers } from './app-call-dispatch';
import { isTrustedSender } from './sender-check';

export interface IpcOptions {
  engine: Engine;
  appHandlers: AppHandlers;
  /** The window whose page may call; read on every message (it is created after this runs). */
  getWindow: () => BrowserWindow | null;
  devServerOrigin?: string;
}

/** Registers the handlers; returns a function that removes them and the event forwarding. */
export function registerIpc(options: IpcOptions): () => void {
  const trusted = (event: IpcMainInvokeEvent) => {
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
    return (await dispatchCall(options.engine.handlers, name, input)).reply;
  });
  ipcMain.handle(CHANNELS.app, async (event, name: unknown, input: unknown): Promise<CallReply> => {
    if (!trusted(event)) return untrusted();
    return (await dispatchAppCall(options.appHandlers, name, input)).reply;
  });

  const unsubscribes = BRIDGE_EVENTS.map((name) =>
    options.engine.on(name, (payload) => {
      const window = options.getWindow();
      if (window && !window.isDestroyed()) window.webContents.send(CHANNELS.event, name, payload);
    }),
  );

  return () => {
    ipcMain.removeHandler(CHANNELS.call);
    ipcMain.removeHandler(CHANNELS.app);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
