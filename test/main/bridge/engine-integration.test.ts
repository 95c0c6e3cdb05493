/**
 * The bridge in front of the real engine (real SQLite history in a temp folder): calls answer,
 * and a malformed job request is refused at the boundary and leaves the history untouched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../main/engine/create-engine';
import { startBridge, type Bridge } from '../../../main/bridge/server';
import type { Engine } from '../../../main/adapters/engine';
import { postCall } from './http-helpers';

describe('bridge with the real engine', () => {
  let dir: string;
  let engine: Engine;
  let bridge: Bridge;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bridge-engine-'));
    engine = await createEngine({ historyPath: path.join(dir, 'history.sqlite') });
    bridge = await startBridge({ engine, host: '127.0.0.1' });
    base = bridge.origin;
  });
  afterAll(async () => {
    await bridge?.close();
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers app.info with the history it was given', async () => {
    const res = await postCall(base, bridge.token, 'app.info', '{}');
    expect(res.status).toBe(200);
    const reply = JSON.parse(res.body);
    expect(reply.ok).toBe(true);
    expect(reply.result.historyPath).toBe(path.join(dir, 'history.sqlite'));
  });

  it('refuses a malformed job and records nothing', async () => {
    const bad = await postCall(
      base,
      bridge.token,
      'jobs.score',
      JSON.stringify({ ensemble: { specPath: '' }, input: 3 }),
    );
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('bad_input');
    const list = await postCall(base, bridge.token, 'history.list', '{}');
    expect(JSON.parse(list.body)).toEqual({ ok: true, result: [] });
  });

  it('reports a missing model as a typed error naming the file', async () => {
    const missing = path.join(dir, 'nope.onnx');
    const res = await postCall(base, bridge.token, 'models.inspect', JSON.stringify({ path: missing }));
    const reply = JSON.parse(res.body);
    expect(reply.ok).toBe(false);
    expect(reply.error.code).not.toBe('bad_input');
    expect(JSON.stringify(reply.error)).toContain('nope.onnx');
  });
});
