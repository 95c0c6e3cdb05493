/** The browser's StudioApi over the bridge: real fetch against a real bridge; a scripted EventSource. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames } from '../../../contract/contract';
import { createBridgeClient, readBridgeToken } from '../../../preload/bridge-client';
import { startBridge, type Bridge } from '../../../main/bridge/server';
import { createFakeEngine } from './fake-engine';

class ScriptedEventSource {
  static last: ScriptedEventSource | null = null;
  readonly listeners = new Map<string, ((event: { data: string }) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    ScriptedEventSource.last = this;
  }
  addEventListener(type: string, listener: (event: { data: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  push(type: string, payload: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(payload) });
  }
}

describe('bridge client', () => {
  let bridge: Bridge;
  let base: string;
  const engine = createFakeEngine();

  beforeAll(async () => {
    bridge = await startBridge({ engine, host: '127.0.0.1' });
    base = bridge.origin;
  });
  afterAll(() => bridge.close());

  it('offers every contract call and on()', () => {
    const api = createBridgeClient({ baseUrl: base, token: bridge.token });
    for (const name of callNames) expect(typeof api[name]).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('calls through the bridge and returns the result', async () => {
    const api = createBridgeClient({ baseUrl: base, token: bridge.token });
    await expect(api['app.info']({})).resolves.toMatchObject({ appVersion: '0.0.0-test' });
    await expect(api['history.list']({ kind: 'score' })).resolves.toEqual({
      echo: { kind: 'score', limit: 200 },
    });
  });

  it('throws typed errors with code and location', async () => {
    const api = createBridgeClient({ baseUrl: base, token: bridge.token });
    await expect(api['models.inspect']({ path: '/m.onnx' })).rejects.toMatchObject({
      name: 'StudioError',
      code: 'not_found',
      location: { file: '/m.onnx' },
    });
    // A bad payload from a buggy page is refused by the bridge, not by trust in the client.
    await expect(api['data.preview']({ path: '/a.csv', rows: -1 })).rejects.toMatchObject({
      code: 'bad_input',
      location: { field: 'rows' },
    });
  });

  it('fails plainly without the token', async () => {
    const api = createBridgeClient({ baseUrl: base, token: null });
    await expect(api['app.info']({})).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('401'),
    });
  });

  it('shares one EventSource, carries the token, and closes it with the last subscriber', () => {
    const api = createBridgeClient({ baseUrl: base, token: bridge.token, EventSource: ScriptedEventSource });
    const progress: unknown[] = [];
    const finished: unknown[] = [];
    const offProgress = api.on('job.progress', (p) => progress.push(p));
    const offFinished = api.on('job.finished', (p) => finished.push(p));
    const source = ScriptedEventSource.last!;
    expect(source.url).toBe(`${base}/api/events?token=${bridge.token}`);
    source.push('job.progress', { jobId: 'a', rowsDone: 1 });
    source.push('job.finished', { jobId: 'a', status: 'succeeded' });
    expect(progress).toEqual([{ jobId: 'a', rowsDone: 1 }]);
    expect(finished).toEqual([{ jobId: 'a', status: 'succeeded' }]);
    offProgress();
    offProgress();
    source.push('job.progress', { jobId: 'b' });
    expect(progress).toHaveLength(1);
    expect(source.closed).toBe(false);
    offFinished();
    expect(source.closed).toBe(true);
  });

  it('reads the token from the page’s meta tag', () => {
    const doc = {
      querySelector: (selector: string) =>
        selector === 'meta[name="studio-token"]'
          ? { getAttribute: (name: string) => (name === 'content' ? 'f00d' : null) }
          : null,
    };
    expect(readBridgeToken(doc)).toBe('f00d');
    expect(readBridgeToken({ querySelector: () => null })).toBeNull();
  });
});
