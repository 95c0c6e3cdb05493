/**
 * The token cookie reaches the bridge from a page on any port of 127.0.0.1, so a state-changing
 * request must also come from the bridge's own page (Origin, Sec-Fetch-Site). Programs that are
 * not browsers send no Origin and stay allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../main/bridge/server';
import { createFakeEngine } from './fake-engine';
import { request } from './http-helpers';

describe('bridge origin check', () => {
  let bridge: Bridge;
  let port: string;
  let cookie: string;
  const engine = createFakeEngine();

  beforeAll(async () => {
    bridge = await startBridge({ engine, host: '127.0.0.1', port: 0 });
    port = new URL(bridge.origin).port;
    cookie = `studio_token_${port}=${bridge.token}`;
  });
  afterAll(() => bridge.close());

  const call = (headers: Record<string, string>) =>
    request(bridge.origin, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', ...headers },
      body: '{}',
    });

  it('refuses a call from a page on another port with 403 and a JSON error, without running it', async () => {
    const before = engine.calls.length;
    for (const origin of ['http://127.0.0.1:1', 'http://localhost:5173', 'null', 'https://evil.example']) {
      const res = await call({ Origin: origin });
      expect(res.status, origin).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(res.body) as {
        ok: boolean;
        error: { code: string; message: string; location: unknown };
      };
      expect(body.ok).toBe(false);
      expect(body.error.code).toBe('bad_input');
      expect(body.error.message).toMatch(/another web page/);
      expect(body.error.message).toContain(`http://127.0.0.1:${port}`);
      expect(body.error.location).toEqual({ field: 'Origin' });
    }
    expect(engine.calls.length).toBe(before);
  });

  it('refuses a cross-site request a browser marks with Sec-Fetch-Site, even without Origin', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await call({ 'Sec-Fetch-Site': site });
      expect(res.status, site).toBe(403);
    }
  });

  it("accepts the bridge's own page, under either loopback name", async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const res = await call({ Origin: origin, 'Sec-Fetch-Site': 'same-origin' });
      expect(res.status, origin).toBe(200);
    }
  });

  it('accepts a program that sends no Origin and carries the token in a header', async () => {
    const res = await request(bridge.origin, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it('still reads (GET) for any origin holding the token: reading changes nothing', async () => {
    const res = await request(bridge.origin, {
      path: '/api/call/app.info',
      headers: { Cookie: cookie, Origin: 'http://127.0.0.1:1' },
    });
    // Calls are POST only; a GET is refused for its method, not for its origin.
    expect(res.status).toBe(405);
  });

  it('a refused call keeps the friendly message and the technical detail in its error', async () => {
    const res = await request(bridge.origin, {
      method: 'POST',
      path: '/api/call/models.inspect',
      headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: 42 }),
    });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body) as { error: { message: string; detail?: string } };
    expect(body.error.message).not.toMatch(/Invalid input|invalid_type/);
    expect(body.error.detail).toBeTruthy();
  });
});
