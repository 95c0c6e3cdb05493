/** The bridge answers nothing without the token and listens on loopback only. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../main/bridge/server';
import { createFakeEngine } from './fake-engine';
import { request } from './http-helpers';

const ROUTES: { method: string; path: string; body?: string }[] = [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/index.html' },
  { method: 'GET', path: '/assets/app.js' },
  { method: 'GET', path: '/no-such-file' },
  { method: 'GET', path: '/api/events' },
  { method: 'POST', path: '/api/call/app.info', body: '{}' },
  { method: 'POST', path: '/api/call/no.such.call', body: '{}' },
  { method: 'GET', path: '/api/call/app.info' },
  { method: 'DELETE', path: '/api/anything' },
];

describe('bridge authentication', () => {
  let bridge: Bridge;
  let base: string;
  const engine = createFakeEngine();

  beforeAll(async () => {
    const staticDir = mkdtempSync(path.join(tmpdir(), 'bridge-auth-'));
    writeFileSync(path.join(staticDir, 'index.html'), '<html><head></head><body>secret page</body></html>');
    bridge = await startBridge({ engine, host: '127.0.0.1', port: 0, staticDir });
    base = bridge.origin;
  });
  afterAll(() => bridge.close());

  it('listens on 127.0.0.1 only', () => {
    const address = bridge.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('refuses to bind anywhere but loopback', async () => {
    for (const host of ['0.0.0.0', '::', 'localhost', '192.168.1.10']) {
      await expect(startBridge({ engine, host: host as '127.0.0.1' })).rejects.toMatchObject({
        code: 'bad_input',
      });
    }
  });

  it('uses a fresh 32-byte token per start', async () => {
    const other = await startBridge({ engine, host: '127.0.0.1' });
    try {
      expect(bridge.token).toMatch(/^[0-9a-f]{64}$/);
      expect(other.token).toMatch(/^[0-9a-f]{64}$/);
      expect(other.token).not.toBe(bridge.token);
    } finally {
      await other.close();
    }
  });

  it.each(ROUTES)('answers $method $path without a token with a bare 401', async (route) => {
    const before = engine.calls.length;
    const res = await request(base, {
      method: route.method,
      path: route.path,
      body: route.body,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toBe('');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(engine.calls.length).toBe(before);
  });

  it.each(ROUTES)('answers $method $path with a wrong token with a bare 401', async (route) => {
    const wrong = bridge.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const attempts: Record<string, string>[] = [
      { Authorization: `Bearer ${wrong}` },
      { Authorization: `Bearer ${bridge.token.slice(0, 32)}` },
      { Authorization: bridge.token },
      // The right token under another bridge's cookie name, and a wrong one under ours.
      { Cookie: `studio_token_1=${bridge.token}` },
      { Cookie: `studio_token_${new URL(base).port}=${wrong}` },
    ];
    for (const headers of attempts) {
      const res = await request(base, {
        method: route.method,
        path: route.path,
        body: route.body,
        headers: { ...headers, 'Content-Type': 'application/json' },
      });
      expect(res.status).toBe(401);
      expect(res.body).toBe('');
    }
    const query = await request(base, {
      method: route.method,
      path: `${route.path}${route.path.includes('?') ? '&' : '?'}token=${wrong}`,
    });
    expect(query.status).toBe(401);
    expect(query.body).toBe('');
  });

  it('refuses a right token sent with a foreign Host header (DNS rebinding)', async () => {
    const res = await request(base, {
      path: '/',
      headers: { Authorization: `Bearer ${bridge.token}`, Host: 'evil.example:80' },
    });
    expect(res.status).toBe(401);
  });

  it('turns a token in the URL into an HttpOnly SameSite=Strict cookie that then suffices', async () => {
    const first = await request(base, { path: `/?token=${bridge.token}` });
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    const next = await request(base, { path: '/index.html', headers: { Cookie: pair } });
    expect(next.status).toBe(200);
    expect(next.body).toContain('secret page');
  });
});
