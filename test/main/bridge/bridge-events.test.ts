/** Job events reach a browser over Server-Sent Events, and a closed stream stops listening. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobFinished, JobProgress } from '../../../contract/contract';
import { startBridge, type Bridge } from '../../../main/bridge/server';
import { createFakeEngine } from './fake-engine';
import { openSse, until } from './http-helpers';

const progress: JobProgress = {
  jobId: 'job-1',
  phase: 'scoring',
  rowsDone: 5000,
  rowsTotal: 10000,
  rowsPerSec: 25000,
  etaSeconds: 0.2,
  elapsedSeconds: 0.2,
};
const finished: JobFinished = {
  jobId: 'job-1',
  runId: 7,
  status: 'succeeded',
  result: {
    kind: 'benchmark',
    rows: 10000,
    seconds: 0.4,
    rowsPerSec: 25000,
    providerRequested: 'cpu',
    providerUsed: 'cpu',
    warnings: [],
    models: [],
    dataset: null,
    classes: null,
    metrics: [],
    artifacts: {},
    entries: [],
    best: null,
    optimizedModels: [],
    runId: 7,
    output: null,
    outputSha256: null,
    report: null,
    enginePeakRssBytes: 1,
  },
};

describe('bridge events', () => {
  let bridge: Bridge;
  let base: string;
  const engine = createFakeEngine();

  beforeAll(async () => {
    bridge = await startBridge({ engine, host: '127.0.0.1' });
    base = bridge.origin;
  });
  afterAll(() => bridge.close());

  it('streams job.progress and job.finished in order', async () => {
    const stream = openSse(base, `/api/events?token=${bridge.token}`);
    await stream.ready;
    expect(stream.status()).toBe(200);
    expect(stream.contentType()).toMatch(/^text\/event-stream/);
    await until(
      () => engine.listenerCount('job.progress') === 1 && engine.listenerCount('job.finished') === 1,
    );

    engine.emit('job.progress', progress);
    engine.emit('job.finished', finished);
    await until(() => stream.events.length === 2);
    expect(stream.events).toEqual([
      { event: 'job.progress', data: progress },
      { event: 'job.finished', data: finished },
    ]);
    stream.stop();
    // The browser went away: its listeners must not pile up on the engine.
    await until(
      () => engine.listenerCount('job.progress') === 0 && engine.listenerCount('job.finished') === 0,
    );
  });

  it('accepts the Authorization header too, and sends to every open stream', async () => {
    const a = openSse(base, '/api/events', { Authorization: `Bearer ${bridge.token}` });
    const b = openSse(base, `/api/events?token=${bridge.token}`);
    await Promise.all([a.ready, b.ready]);
    await until(() => engine.listenerCount('job.progress') === 2);
    engine.emit('job.progress', progress);
    await until(() => a.events.length === 1 && b.events.length === 1);
    a.stop();
    b.stop();
  });

  it('gives no stream without the token', async () => {
    const stream = openSse(base, '/api/events');
    await stream.ready;
    expect(stream.status()).toBe(401);
    expect(engine.listenerCount('job.progress')).toBe(0);
  });

  it('ends open streams when the bridge closes', async () => {
    const other = await startBridge({ engine, host: '127.0.0.1' });
    const port = (other.server.address() as AddressInfo).port;
    const stream = openSse(`http://127.0.0.1:${port}`, `/api/events?token=${other.token}`);
    await stream.ready;
    await other.close();
    await until(() => engine.listenerCount('job.progress') === 0);
  });
});
