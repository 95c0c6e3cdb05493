/**
 * The scoring service end to end, through a real engine: a real service process (the engine host
 * entry), real ONNX Runtime, real HTTP. Its predictions are compared with `score`'s output file
 * for the same rows (the CLI, as an analyst runs it).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallInput, type CallInput } from '../../../contract/contract';
import type { ServiceStatus } from '../../../contract/service-types';
import { canonicalJson } from '../../../main/history/json';
import { DEMO, writeDemoRows } from '../../support/demo-data';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { readOutputColumns } from '../../support/read-output';
import { REPO, runCli } from '../../support/run-cli';
import { isListening, postJson, send } from './http-client';

const SPEC = join(DEMO, 'demo.ensemble.json');
const TOKEN = 'test-token-1234';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const ROWS = 1000;

let test: TestEngine;
let status: ServiceStatus;
let columns: string[];
let data: number[][];
let scored: Map<string, string[]>;

function start(input: CallInput<'service.start'>) {
  return test.engine.handlers['service.start'](parseCallInput('service.start', input));
}

beforeAll(async () => {
  test = await startTestEngine();
  const input = join(test.dir, 'rows.csv');
  await writeDemoRows(input, ROWS);
  const output = join(test.dir, 'scored.csv');
  const score = await runCli([
    '--history',
    join(test.dir, 'history.sqlite'),
    'score',
    '--ensemble',
    SPEC,
    '--input',
    input,
    '--output',
    output,
  ]);
  expect(score.code, score.stderr).toBe(0);
  scored = await readOutputColumns(output);
  const table = await readOutputColumns(input);
  columns = [...table.keys()].filter((c) => c !== 'diagnosis');
  data = Array.from({ length: ROWS }, (_, r) => columns.map((c) => Number(table.get(c)![r])));
  status = await start({ ensemble: { specPath: SPEC }, port: 0, token: TOKEN, maxBodyBytes: 1024 * 1024 });
}, 120_000);

afterAll(async () => {
  await test?.close();
});

describe('the scoring service', () => {
  it('reports where it serves and how to call it', () => {
    expect(status).toMatchObject({
      running: true,
      host: '127.0.0.1',
      tokenRequired: true,
      ensembleName: 'breast cancer blend',
    });
    expect(status.url).toBe(`http://127.0.0.1:${status.port}`);
    expect(status.curlExample).toContain(`${status.url}/invocations`);
    expect(status.curlExample).toContain('Authorization: Bearer $ENSEMBLE_STUDIO_TOKEN');
  });

  it('predicts 1,000 rows posted as dataframe_split as `score` does, to 1e-6', async () => {
    const reply = await postJson(status.url!, { dataframe_split: { columns, data } }, AUTH);
    expect(reply.status, reply.text).toBe(200);
    const predictions = (reply.json() as { predictions: Record<string, number>[] }).predictions;
    expect(predictions).toHaveLength(ROWS);
    const names = ['prediction', 'proba_0', 'proba_1'];
    expect(Object.keys(predictions[0]!)).toEqual(names);
    let worst = 0;
    predictions.forEach((row, r) => {
      expect(row.prediction).toBe(Number(scored.get('prediction')![r]));
      for (const name of ['proba_0', 'proba_1'])
        worst = Math.max(worst, Math.abs(row[name]! - Number(scored.get(name)![r])));
    });
    expect(worst).toBeLessThanOrEqual(1e-6);

    // The same rows as records and as CSV get the same answer.
    const records = data.slice(0, 20).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
    const asRecords = await postJson(status.url!, { dataframe_records: records }, AUTH);
    const csv = [
      columns.map((c) => `"${c}"`).join(','),
      ...data.slice(0, 20).map((row) => row.join(',')),
    ].join('\r\n');
    const asCsv = await send(status.url!, {
      method: 'POST',
      path: '/invocations',
      headers: { ...AUTH, 'Content-Type': 'text/csv' },
      body: csv,
    });
    expect(asCsv.status, asCsv.text).toBe(200);
    const first20 = { predictions: predictions.slice(0, 20) };
    expect(asRecords.json()).toEqual(first20);
    expect(asCsv.json()).toEqual(first20);
  });

  it('answers 2,000 requests from 50 concurrent keep-alive clients without an error, batching them', async () => {
    const before = (await test.engine.handlers['service.status']({})).stats!;
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    let next = 0;
    const failures: string[] = [];
    const client = async () => {
      while (next < 2000) {
        const i = next++;
        const first = (i * 7) % (ROWS - 5);
        const rows = data.slice(first, first + 1 + (i % 5));
        const reply = await postJson(status.url!, { dataframe_split: { columns, data: rows } }, AUTH, agent);
        if (reply.status !== 200) {
          failures.push(`${reply.status} ${reply.text}`);
          continue;
        }
        const got = (reply.json() as { predictions: { prediction: number }[] }).predictions.map(
          (p) => p.prediction,
        );
        const want = scored
          .get('prediction')!
          .slice(first, first + rows.length)
          .map(Number);
        if (JSON.stringify(got) !== JSON.stringify(want))
          failures.push(`request ${i}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 50 }, client));
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    expect(failures).toEqual([]);
    const after = (await test.engine.handlers['service.status']({})).stats!;
    const requests = after.requests - before.requests;
    const batches = after.batches - before.batches;
    expect(requests).toBe(2000);
    expect(after.errors).toBe(before.errors);
    expect(batches).toBeLessThan(requests / 2);
    console.log(
      `2000 requests, 50 clients: ${(2000 / seconds).toFixed(0)} req/s over ${seconds.toFixed(2)} s, ${batches} batches, p50 ${after.p50Ms?.toFixed(2)} ms, p99 ${after.p99Ms?.toFixed(2)} ms`,
    );
  }, 120_000);

  it('refuses malformed JSON, a wrong column and bad values with a 400 that says why', async () => {
    const malformed = await send(status.url!, {
      method: 'POST',
      path: '/invocations',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: '{"dataframe_split": {"columns": [',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({
      error_code: 'BAD_REQUEST',
      message: expect.stringMatching(/^the body is not valid JSON: /),
    });

    const renamed = columns.map((c) => (c === 'worst area' ? 'worst_area' : c));
    const wrongColumn = await postJson(
      status.url!,
      { dataframe_split: { columns: renamed, data: data.slice(0, 2) } },
      AUTH,
    );
    expect(wrongColumn.status).toBe(400);
    expect(wrongColumn.json()).toMatchObject({
      field: 'worst area',
      message: expect.stringMatching(/^the request has no column 'worst area'/),
    });

    const text = data.slice(0, 3).map((row) => [...row]) as unknown[][];
    text[2]![4] = 'twelve';
    const badValue = await postJson(status.url!, { dataframe_split: { columns, data: text } }, AUTH);
    expect(badValue.status).toBe(400);
    expect(badValue.json()).toMatchObject({
      row: 3,
      field: columns[4],
      message: `row 3, column '${columns[4]}': 'twelve' is not a number`,
    });

    const form = await send(status.url!, {
      method: 'POST',
      path: '/invocations',
      headers: { ...AUTH, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
  });

  it('refuses a body over the limit with 413, by its length or as it streams in', async () => {
    const big = JSON.stringify({
      dataframe_split: { columns, data: Array.from({ length: 5000 }, (_, r) => data[r % ROWS]) },
    });
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const declared = await send(status.url!, {
      method: 'POST',
      path: '/invocations',
      headers: { ...AUTH, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(big) },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });
    const streamed = await send(status.url!, {
      method: 'POST',
      path: '/invocations',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: big,
      chunked: true,
    });
    expect(streamed.status).toBe(413);
  });

  it('answers 401 without the token or with a wrong one, on every route', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong-token-1234' },
      { Authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const scoring = await postJson(
        status.url!,
        { dataframe_split: { columns, data: data.slice(0, 1) } },
        headers,
      );
      expect(scoring.status).toBe(401);
      expect(scoring.headers['www-authenticate']).toBe('Bearer');
      expect((await send(status.url!, { path: '/version', headers })).status).toBe(401);
    }
  });

  it('has /version, 404 for an unknown route and 405 for a wrong method', async () => {
    const version = await send(status.url!, { path: '/version', headers: AUTH });
    const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as { members: { name: string; model: string }[] };
    const { parseSpec } = await import('../../../main/engine/load-spec');
    const hash = createHash('sha256')
      .update(canonicalJson(parseSpec(spec, SPEC)))
      .digest('hex');
    expect(version.json()).toMatchObject({
      appVersion: expect.any(String),
      specHash: hash,
      members: spec.members.map((m) => ({
        name: m.name,
        sha256: createHash('sha256')
          .update(readFileSync(join(DEMO, m.model)))
          .digest('hex'),
      })),
    });
    expect(status.specHash).toBe(hash);
    expect((await send(status.url!, { path: '/predict', headers: AUTH })).status).toBe(404);
    const wrongMethod = await send(status.url!, { path: '/invocations', headers: AUTH });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
  });

  it('still answers /ping and /health after all this', async () => {
    expect((await send(status.url!, { path: '/ping', headers: AUTH })).status).toBe(200);
    expect((await send(status.url!, { path: '/health', headers: AUTH })).status).toBe(200);
  });

  it('runs one service at a time and refuses a non-loopback host without a token', async () => {
    await expect(start({ ensemble: { specPath: SPEC }, port: 0 })).rejects.toThrow(
      /already running at http:\/\/127\.0\.0\.1:/,
    );
    const other = await startTestEngine();
    try {
      await expect(
        other.engine.handlers['service.start'](
          parseCallInput('service.start', { ensemble: { specPath: SPEC }, host: '0.0.0.0', port: 0 }),
        ),
      ).rejects.toThrow(/serving on 0\.0\.0\.0 .*needs a token/);
      expect((await other.engine.handlers['service.status']({})).running).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('stops with its final stats, and closes its port', async () => {
    const stopped = await test.engine.handlers['service.stop']({});
    expect(stopped.running).toBe(false);
    expect(stopped.stats!.requests).toBeGreaterThanOrEqual(2000);
    expect(stopped.stats!.p50Ms).toBeGreaterThan(0);
    expect(stopped.stats!.p99Ms).toBeGreaterThanOrEqual(stopped.stats!.p50Ms!);
    expect(await isListening(status.url!)).toBe(false);
    expect((await test.engine.handlers['service.status']({})).running).toBe(false);
  });

  it('dies with the engine that started it', async () => {
    const other = await startTestEngine();
    const running = await other.engine.handlers['service.start'](
      parseCallInput('service.start', { ensemble: { specPath: SPEC }, port: 0 }),
    );
    expect(await isListening(running.url!)).toBe(true);
    await other.close();
    expect(await isListening(running.url!)).toBe(false);
  });

  it('serves string class labels as the output file writes them', async () => {
    const dir = join(REPO, 'test/corpus/scoring/multiclass-string-labels');
    const output = join(test.dir, 'multiclass.csv');
    const score = await runCli([
      '--history',
      join(test.dir, 'history.sqlite'),
      'score',
      '--ensemble',
      join(dir, 'ensemble.json'),
      '--input',
      join(dir, 'data.csv'),
      '--output',
      output,
    ]);
    expect(score.code, score.stderr).toBe(0);
    const want = await readOutputColumns(output);
    const input = await readOutputColumns(join(dir, 'data.csv'));
    const served = await start({ ensemble: { specPath: join(dir, 'ensemble.json') }, port: 0 });
    try {
      const csv = readFileSync(join(dir, 'data.csv'));
      const reply = await send(served.url!, {
        method: 'POST',
        path: '/invocations',
        headers: { 'Content-Type': 'text/csv' },
        body: csv,
      });
      expect(reply.status, reply.text).toBe(200);
      const predictions = (reply.json() as { predictions: Record<string, string | number>[] }).predictions;
      expect(predictions).toHaveLength(input.values().next().value!.length);
      predictions.forEach((row, r) => {
        for (const [name, value] of Object.entries(row)) {
          if (name === 'prediction') expect(value).toBe(want.get(name)![r]);
          else expect(Math.abs((value as number) - Number(want.get(name)![r]))).toBeLessThanOrEqual(1e-6);
        }
      });
    } finally {
      await test.engine.handlers['service.stop']({});
    }
  });
});
