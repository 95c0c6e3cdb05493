/**
 * The preload: exposes `window.studio` (the contract's calls, `on` for its events, and the
 * desktop extras under `desktop`) and nothing else — never ipcRenderer itself, never the IPC
 * event objects (they carry the sender). Runs sandboxed, so it is bundled to one CJS file.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { EventMap, EventName } from '../contract/contract';
import { buildStudioApi } from './api-builder';
import { buildDesktopApi } from './desktop-api';
import { CHANNELS, type FileOpened } from './app-calls';

const KNOWN_EVENTS: ReadonlySet<string> = new Set<EventName>(['job.progress', 'job.finished']);

function subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  if (!KNOWN_EVENTS.has(event)) throw new Error(`unknown event: ${String(event)}`);
  const relay = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (name === event) listener(payload as EventMap[E]);
  };
  ipcRenderer.on(CHANNELS.event, relay);
  return () => {
    ipcRenderer.removeListener(CHANNELS.event, relay);
  };
}

function onFileOpened(listener: (file: FileOpened) => void): () => void {
  const relay = (_event: IpcRendererEvent, file: FileOpened) => listener(file);
  ipcRenderer.on(CHANNELS.fileOpened, relay);
  return () => {
    ipcRenderer.removeListener(CHANNELS.fileOpened, relay);
  };
}

/**
 * A dropped file's path, and main told to grant it for reading. getPathForFile answers only for a
 * File the user gave the page (drag-and-drop, a file input): a File the page makes up has no path
 * (''), so the page cannot use this to name an arbitrary path. `send` goes before any call the
 * page then makes with the path, on the same ordered IPC pipe.
 */
function pathForDroppedFile(file: unknown): string {
  const path = webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]);
  if (path) ipcRenderer.send(CHANNELS.dropped, path);
  return path;
}

const studio = buildStudioApi((name, input) => ipcRenderer.invoke(CHANNELS.call, name, input), subscribe);
const desktop = buildDesktopApi(
  (name, input) => ipcRenderer.invoke(CHANNELS.app, name, input),
  onFileOpened,
  pathForDroppedFile,
);

contextBridge.exposeInMainWorld('studio', { ...studio, desktop });
