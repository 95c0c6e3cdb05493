/** The built renderer over the bridge: the token in the page, the CSP, types, and no way out of the folder. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../main/bridge/server';
import { createFakeEngine } from './fake-engine';
import { request } from './http-helpers';

describe('bridge static files', () => {
  let bridge: Bridge;
  let base: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    const outer = mkdtempSync(path.join(tmpdir(), 'bridge-static-'));
    const staticDir = path.join(outer, 'renderer');
    mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    writeFileSync(
      path.join(staticDir, 'index.html'),
      '<!doctype html><html><head><title>t</title></head><body></body></html>',
    );
    writeFileSync(path.join(staticDir, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(path.join(staticDir, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(path.join(staticDir, 'assets', 'inter.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    writeFileSync(path.join(outer, 'secret.txt'), 'do not serve');
    symlinkSync(path.join(outer, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
    bridge = await startBridge({ engine: createFakeEngine(), host: '127.0.0.1', staticDir });
    base = bridge.origin;
    auth = { Authorization: `Bearer ${bridge.token}` };
  });
  afterAll(() => bridge.close());

  it('serves index.html with the token meta tag, a strict CSP and no caching', async () => {
    for (const p of ['/', '/index.html']) {
      const res = await request(base, { path: p, headers: auth });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain(`<meta name="studio-token" content="${bridge.token}" />`);
      expect(res.body.indexOf('studio-token')).toBeLessThan(res.body.indexOf('<title>'));
      expect(res.headers['cache-control']).toBe('no-store');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/https?:|\*|unsafe-eval|unsafe-inline/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it.each([
    ['/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-abc.css', 'text/css; charset=utf-8'],
    ['/assets/inter.woff2', 'font/woff2'],
  ])('serves %s as %s', async (p, type) => {
    const res = await request(base, { path: p, headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '//etc/passwd',
    '/C:/Windows/win.ini',
    '/index.html%00.js',
    '/assets/link.txt',
    '/%E0%A4%A',
  ])('refuses %s', async (p) => {
    const res = await request(base, { path: p, headers: auth });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('do not serve');
    expect(res.body).not.toContain('root:');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await request(base, { method: 'HEAD', path: '/assets/index-abc.js', headers: auth });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const put = await request(base, { method: 'PUT', path: '/index.html', headers: auth, body: 'x' });
    expect(put.status).toBe(405);
  });
});
