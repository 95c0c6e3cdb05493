/**
 * preload/index.ts against a mocked electron: it exposes `studio` and nothing else, calls go over
 * one invoke channel, and events reach only the right listeners without the IPC event object.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../../contract/contract';
import { CHANNELS } from '../../../preload/app-calls';

const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, result: 'done' }));
const send = vi.fn();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke,
    send,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      listeners.get(channel)?.delete(listener),
  },
  webUtils: { getPathForFile: (file: { dropped?: boolean }) => (file.dropped ? '/dropped/file.csv' : '') },
}));

type Exposed = Record<string, unknown> & {
  on(event: string, listener: (payload: unknown) => void): () => void;
  desktop: Record<string, unknown>;
};

describe('preload', () => {
  let studio: Exposed;
  beforeAll(async () => {
    await import('../../../preload/index');
    studio = exposed.get('studio') as Exposed;
  });

  it('exposes only window.studio, with no ipcRenderer or Node in it', () => {
    expect([...exposed.keys()]).toEqual(['studio']);
    expect(Object.keys(studio).sort()).toEqual([...callNames, 'desktop', 'on'].sort());
    const text = JSON.stringify(Object.keys(studio)) + JSON.stringify(Object.keys(studio.desktop));
    expect(text).not.toMatch(/ipc|require|process|send/i);
  });

  it('sends every call over the one call channel', async () => {
    for (const name of callNames) {
      await expect((studio[name] as (i: unknown) => Promise<unknown>)({ x: 1 })).resolves.toBe('done');
      expect(invoke).toHaveBeenLastCalledWith(CHANNELS.call, name, { x: 1 });
    }
  });

  it('delivers events by name, without the IPC event, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = studio.on('job.finished', (payload) => got.push(payload));
    const emit = (name: string, payload: unknown) => {
      for (const listener of listeners.get(CHANNELS.event) ?? [])
        listener({ sender: 'secret' }, name, payload);
    };
    emit('job.progress', { jobId: 'a' });
    emit('job.finished', { jobId: 'a' });
    expect(got).toEqual([{ jobId: 'a' }]);
    off();
    emit('job.finished', { jobId: 'b' });
    expect(got).toHaveLength(1);
    expect(listeners.get(CHANNELS.event)?.size).toBe(0);
  });

  it('refuses to subscribe to an event the contract does not declare', () => {
    expect(() => studio.on('secret.event', () => undefined)).toThrow(/unknown event/);
  });

  it('routes the desktop extras over the app channel', async () => {
    const desktop = studio.desktop as {
      openFile(i: unknown): Promise<unknown>;
      pathForFile(f: unknown): string;
    };
    await desktop.openFile({ kind: 'data' });
    expect(invoke).toHaveBeenLastCalledWith(CHANNELS.app, 'dialog.openFile', { kind: 'data' });
    expect(desktop.pathForFile({ dropped: true })).toBe('/dropped/file.csv');
  });

  it('asks main to grant a dropped file, and nothing for a File without a path', () => {
    const desktop = studio.desktop as { pathForFile(f: unknown): string };
    send.mockClear();
    expect(desktop.pathForFile({ dropped: true })).toBe('/dropped/file.csv');
    expect(send).toHaveBeenCalledExactlyOnceWith(CHANNELS.dropped, '/dropped/file.csv');
    send.mockClear();
    expect(desktop.pathForFile({})).toBe('');
    expect(send).not.toHaveBeenCalled();
  });
});
