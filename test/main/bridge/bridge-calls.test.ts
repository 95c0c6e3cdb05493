/** Contract calls over HTTP: typed errors at the boundary, and the handler never runs for them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../main/bridge/server';
import { createFakeEngine } from './fake-engine';
import { postCall, request } from './http-helpers';

describe('bridge calls', () => {
  let bridge: Bridge;
  let base: string;
  const engine = createFakeEngine();

  beforeAll(async () => {
    bridge = await startBridge({ engine, host: '127.0.0.1' });
    base = bridge.origin;
  });
  afterAll(() => bridge.close());

  it('runs a call with parsed input (defaults applied) and wraps the result', async () => {
    const res = await postCall(base, bridge.token, 'data.preview', JSON.stringify({ path: '/data/a.csv' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({ ok: true, result: { echo: { path: '/data/a.csv', rows: 200 } } });
  });

  it('treats an empty body as an empty input', async () => {
    const res = await postCall(base, bridge.token, 'app.info', '');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, result: { appVersion: '0.0.0-test' } });
  });

  it.each([
    ['a wrong type', 'data.preview', { path: '/a.csv', rows: 'many' }, 'rows'],
    ['a missing field', 'models.inspect', {}, 'path'],
    ['an unknown field', 'jobs.cancel', { jobId: 'j1', extra: true }, '(input)'],
    ['an out-of-range number', 'data.preview', { path: '/a.csv', rows: 0 }, 'rows'],
    ['an array instead of an object', 'history.show', [1], '(input)'],
    ['a nested bad spec', 'ensembles.save', { path: '/x.json', spec: { format: 'nope' } }, 'spec.format'],
  ])(
    'refuses %s with a typed bad_input error and never calls the handler',
    async (_what, name, input, field) => {
      const before = engine.calls.length;
      const res = await postCall(base, bridge.token, name, JSON.stringify(input));
      expect(res.status).toBe(400);
      const reply = JSON.parse(res.body);
      expect(reply.ok).toBe(false);
      expect(reply.error.code).toBe('bad_input');
      // A person reads a sentence; the call and zod's own text stay in the detail.
      expect(reply.error.message).not.toMatch(/Invalid input|invalid_type|bad_input/);
      expect(reply.error.detail).toContain(name);
      expect(reply.error.location.field).toContain(field === '(input)' ? '' : field);
      expect(engine.calls.length).toBe(before);
    },
  );

  it('refuses malformed JSON', async () => {
    const before = engine.calls.length;
    const res = await postCall(base, bridge.token, 'app.info', '{"path": ');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: {
        code: 'bad_input',
        message: 'the request body is not valid JSON',
        location: { field: '(body)' },
      },
    });
    expect(engine.calls.length).toBe(before);
  });

  it('refuses a body that is not declared as JSON', async () => {
    const res = await request(base, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('bad_input');
  });

  it.each(['no.such.call', 'constructor', '__proto__', 'toString', '%E0%A4%A'])(
    'refuses the unknown call %s',
    async (name) => {
      const before = engine.calls.length;
      const res = await postCall(base, bridge.token, name, '{}');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({
        ok: false,
        error: { code: 'bad_input', location: { field: '(call)' } },
      });
      expect(engine.calls.length).toBe(before);
    },
  );

  it('passes a handler’s typed error through with its code and location', async () => {
    const res = await postCall(base, bridge.token, 'models.inspect', JSON.stringify({ path: '/m/x.onnx' }));
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'no such model: /m/x.onnx', location: { file: '/m/x.onnx' } },
    });
  });

  it('reports an unexpected handler failure as internal, and keeps serving', async () => {
    const res = await postCall(base, bridge.token, 'jobs.cancel', JSON.stringify({ jobId: 'j1' }));
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside Ensemble Studio: boom',
        detail: 'boom',
      },
    });
    const after = await postCall(base, bridge.token, 'app.info', '{}');
    expect(after.status).toBe(200);
  });

  it('allows only POST for calls', async () => {
    const res = await request(base, {
      path: '/api/call/app.info',
      headers: { Authorization: `Bearer ${bridge.token}` },
    });
    expect(res.status).toBe(405);
  });
});
