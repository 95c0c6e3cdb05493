/** The StudioApi builder behind window.studio: every contract call, unwrapped replies, typed errors. */
import { describe, expect, it, vi } from 'vitest';
import { callNames, contract } from '../../../contract/contract';
import { buildStudioApi } from '../../../preload/api-builder';
import { buildDesktopApi } from '../../../preload/desktop-api';

describe('buildStudioApi', () => {
  it('has exactly the contract’s calls plus on()', () => {
    const api = buildStudioApi(
      async () => ({ ok: true, result: null }),
      () => () => undefined,
    );
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract), 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each(callNames)('%s sends its name and input and resolves with the result', async (name) => {
    const invoke = vi.fn(async (called: string, input: unknown) => ({ ok: true, result: { called, input } }));
    const api = buildStudioApi(invoke, () => () => undefined);
    const call = api[name] as (input: unknown) => Promise<unknown>;
    await expect(call({ some: 'input' })).resolves.toEqual({ called: name, input: { some: 'input' } });
    expect(invoke).toHaveBeenCalledWith(name, { some: 'input' });
  });

  it('throws an Error carrying the reply’s code and location', async () => {
    const api = buildStudioApi(
      async () => ({
        ok: false,
        error: { code: 'data', message: 'bad quote', location: { file: 'a.csv', line: 3 } },
      }),
      () => () => undefined,
    );
    const error = await api['data.preview']({ path: 'a.csv' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'StudioError',
      message: 'bad quote',
      code: 'data',
      location: { file: 'a.csv', line: 3 },
    });
  });

  it('refuses a reply that is not an envelope', async () => {
    const api = buildStudioApi(
      async () => 'surprise',
      () => () => undefined,
    );
    await expect(api['app.info']({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('hands subscriptions to the transport and returns its unsubscribe', () => {
    const off = vi.fn();
    const subscribe = vi.fn(() => off);
    const api = buildStudioApi(async () => ({ ok: true, result: null }), subscribe);
    const listener = () => undefined;
    const unsubscribe = api.on('job.progress', listener);
    expect(subscribe).toHaveBeenCalledWith('job.progress', listener);
    unsubscribe();
    expect(off).toHaveBeenCalledOnce();
  });
});

describe('buildDesktopApi', () => {
  it('maps the desktop calls onto their channel names', async () => {
    const invoke = vi.fn(async (name: string) => ({
      ok: true,
      result: name === 'recent.list' ? [] : '/picked.onnx',
    }));
    const desktop = buildDesktopApi(
      invoke,
      () => () => undefined,
      () => '/dropped.csv',
    );
    await expect(desktop.openFile({ kind: 'model' })).resolves.toBe('/picked.onnx');
    await expect(desktop.saveFile({ kind: 'output', defaultName: 'scores.csv' })).resolves.toBe(
      '/picked.onnx',
    );
    await expect(desktop.recentFiles()).resolves.toEqual([]);
    await expect(desktop.openFolder?.()).resolves.toBe('/picked.onnx');
    expect(invoke.mock.calls).toEqual([
      ['dialog.openFile', { kind: 'model' }],
      ['dialog.saveFile', { kind: 'output', defaultName: 'scores.csv' }],
      ['recent.list', {}],
      ['dialog.openFolder', {}],
    ]);
    expect(desktop.pathForFile({})).toBe('/dropped.csv');
  });
});
