/** A cancelled run says how far it got, in its message and its row count, and is never "failed". */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallInput } from '../../../contract/contract';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { DEMO, writeDemoRows } from '../../support/demo-data';
import { readRuns } from '../../support/history-db';

let t: TestEngine;
let input: string;

beforeAll(async () => {
  t = await startTestEngine();
  input = join(t.dir, 'rows.csv');
  await writeDemoRows(input, 300_000);
});
afterAll(async () => t.close());

describe('cancelling a score', () => {
  it('records "Cancelled after N of M rows" with the rows done, status cancelled', async () => {
    const request = parseCallInput('jobs.score', {
      ensemble: { specPath: join(DEMO, 'demo.ensemble.json') },
      input,
      output: join(t.dir, 'out.csv'),
      chunkRows: 10_000,
    });
    const started = await t.engine.handlers['jobs.score'](request);
    let lastDone = 0;
    const off = t.engine.on('job.progress', (p) => {
      if (p.jobId !== started.jobId || p.rowsDone === 0) return;
      lastDone = p.rowsDone;
      void t.engine.handlers['jobs.cancel']({ jobId: started.jobId });
    });
    const finished = await t.engine.waitForJob(started.jobId);
    off();
    expect(finished.status).toBe('cancelled');
    expect(finished.error?.message).toMatch(/^Cancelled after [\d,]+( of 300,000)? rows$/);
    const done = Number(/after ([\d,]+)/.exec(finished.error!.message)![1]!.replace(/,/g, ''));
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThanOrEqual(lastDone);
    const run = readRuns(t.engine.historyPath).find((r) => r.id === finished.runId) as unknown as {
      status: string;
      rows: number;
    };
    expect(run).toMatchObject({ status: 'cancelled', rows: done });
  });
});
