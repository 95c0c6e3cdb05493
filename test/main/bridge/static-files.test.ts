import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, injectTokenMeta, resolveStaticPath } from '../../../main/adapters/static-files';

const root = path.resolve('/srv/renderer');

describe('resolveStaticPath', () => {
  it('maps paths inside the folder', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a.js')).toBe(path.join(root, 'assets', 'a.js'));
    expect(resolveStaticPath(root, '/./assets//a.js')).toBe(path.join(root, 'assets', 'a.js'));
    expect(resolveStaticPath(root, '/fonts/Inter%20Var.woff2')).toBe(
      path.join(root, 'fonts', 'Inter Var.woff2'),
    );
  });

  it.each([
    '/..',
    '/../x',
    '/a/../../x',
    '/%2e%2e/x',
    '/..%2fx',
    '/..%5cx',
    '/a\\..\\x',
    '/x%00.js',
    '/C:/x',
    '/%E0%A4%A',
  ])('refuses %s', (p) => {
    expect(resolveStaticPath(root, p)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer’s file types and falls back to octet-stream', () => {
    expect(contentTypeFor('a/index.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.bin')).toBe('application/octet-stream');
  });
});

describe('injectTokenMeta', () => {
  it('puts the meta tag first in <head>', () => {
    expect(injectTokenMeta('<html><head lang="x"><title>t</title></head></html>', 'ab12')).toBe(
      '<html><head lang="x">\n    <meta name="studio-token" content="ab12" /><title>t</title></head></html>',
    );
  });
  it('refuses a token that would need escaping', () => {
    expect(() => injectTokenMeta('<head></head>', '"><script>')).toThrow();
  });
});
