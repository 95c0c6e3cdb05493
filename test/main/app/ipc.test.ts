/**
 * main/app/ipc.ts against a mocked ipcMain: the sender frame is checked, the payload is parsed by
 * the contract and its paths checked against the grants before the engine runs, a dropped file
 * is granted only from our page, and engine events reach the window.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../preload/app-calls';
import { PathGrants } from '../../../main/app/path-grants';
import { createFakeEngine } from '../bridge/fake-engine';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
type Listener = (event: unknown, ...args: unknown[]) => void;
const handlers = new Map<string, Handler>();
const listeners = new Map<string, Listener>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: (channel: string, listener: Listener) => listeners.set(channel, listener),
    removeListener: (channel: string, listener: Listener) => {
      if (listeners.get(channel) === listener) listeners.delete(channel);
    },
  },
}));

const sent: unknown[][] = [];
const fakeWindow = {
  isDestroyed: () => false,
  webContents: { id: 3, send: (...args: unknown[]) => sent.push(args) },
};
const fromOurPage = { sender: { id: 3 }, senderFrame: { url: 'app://studio/index.html', parent: null } };
const fromElsewhere = { sender: { id: 3 }, senderFrame: { url: 'https://evil.example/', parent: null } };

describe('ipc', () => {
  const engine = createFakeEngine();
  const openFile = vi.fn(async () => '/chosen.onnx');
  const grants = new PathGrants();
  grants.grantFile('/a.csv', 'read');
  let unregister: () => void;

  beforeAll(async () => {
    const { registerIpc } = await import('../../../main/app/ipc');
    unregister = registerIpc({
      engine,
      grants,
      getWindow: () => fakeWindow as never,
      appHandlers: {
        'dialog.openFile': openFile,
        'dialog.saveFile': async () => null,
        'dialog.openFolder': async () => null,
        'recent.list': async () => [],
        'history.allowRerun': async () => null,
      },
    });
  });

  it('runs a call from our page with parsed input', async () => {
    const reply = await handlers.get(CHANNELS.call)!(fromOurPage, 'data.preview', { path: '/a.csv' });
    expect(reply).toEqual({ ok: true, result: { echo: { path: '/a.csv', rows: 200 } } });
  });

  it('refuses a path that was not granted, and the engine never sees it', async () => {
    const before = engine.calls.length;
    const reply = await handlers.get(CHANNELS.call)!(fromOurPage, 'data.preview', { path: '/etc/passwd' });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'bad_input',
        message: 'path not opened through the app: /etc/passwd',
        location: { field: 'path' },
      },
    });
    expect(engine.calls.length).toBe(before);
  });

  it('grants a dropped file from our page only', async () => {
    const dropped = listeners.get(CHANNELS.dropped)!;
    dropped(fromElsewhere, '/elsewhere/dropped.csv');
    dropped(fromOurPage, 42);
    const refused = await handlers.get(CHANNELS.call)!(fromOurPage, 'data.preview', {
      path: '/elsewhere/dropped.csv',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input', location: { field: 'path' } } });
    dropped(fromOurPage, '/dropped/file.csv');
    const reply = await handlers.get(CHANNELS.call)!(fromOurPage, 'data.preview', {
      path: '/dropped/file.csv',
    });
    expect(reply).toMatchObject({ ok: true });
    // Read only: the engine may not write over a dropped file.
    const write = await handlers.get(CHANNELS.call)!(fromOurPage, 'ensembles.save', {
      path: '/dropped/file.csv',
      spec: {
        format: 'ensemble-studio/ensemble@1',
        name: 'e',
        task: 'regression',
        members: [{ name: 'a', model: '/a.csv' }],
        combiner: { method: 'mean' },
      },
    });
    expect(write).toMatchObject({ ok: false, error: { code: 'bad_input', location: { field: 'path' } } });
  });

  it('refuses a call from another origin, and the engine never sees it', async () => {
    const before = engine.calls.length;
    const reply = await handlers.get(CHANNELS.call)!(fromElsewhere, 'app.info', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_input', location: { field: '(sender)' } } });
    expect(engine.calls.length).toBe(before);
    const desktop = await handlers.get(CHANNELS.app)!(fromElsewhere, 'dialog.openFile', { kind: 'model' });
    expect(desktop).toMatchObject({ ok: false });
    expect(openFile).not.toHaveBeenCalled();
  });

  it('refuses malformed payloads and unknown calls with bad_input', async () => {
    const before = engine.calls.length;
    for (const [name, input] of [
      ['data.preview', { path: 5 }],
      ['jobs.score', 'not an object'],
      ['no.such', {}],
      [42, {}],
    ] as const) {
      const reply = await handlers.get(CHANNELS.call)!(fromOurPage, name, input);
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
    expect(engine.calls.length).toBe(before);
    const bad = await handlers.get(CHANNELS.app)!(fromOurPage, 'dialog.openFile', { kind: 'executable' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input', location: { field: 'kind' } } });
    expect(openFile).not.toHaveBeenCalled();
  });

  it('runs the desktop calls', async () => {
    await expect(
      handlers.get(CHANNELS.app)!(fromOurPage, 'dialog.openFile', { kind: 'model' }),
    ).resolves.toEqual({
      ok: true,
      result: '/chosen.onnx',
    });
    expect(openFile).toHaveBeenCalledWith({ kind: 'model' });
  });

  it('forwards engine events to the window and stops when unregistered', () => {
    engine.emit('job.progress', {
      jobId: 'j',
      phase: 'scoring',
      rowsDone: 1,
      rowsTotal: null,
      rowsPerSec: 1,
      etaSeconds: null,
      elapsedSeconds: 1,
    });
    expect(sent).toEqual([[CHANNELS.event, 'job.progress', expect.objectContaining({ jobId: 'j' })]]);
    unregister();
    expect(handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
    expect(engine.listenerCount('job.progress')).toBe(0);
  });
});
