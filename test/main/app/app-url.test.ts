import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppRequest } from '../../../main/app/app-url';
import { appPaths } from '../../../main/app/paths';

const root = path.resolve('/opt/ensemble-studio/resources/app.asar/out/renderer');

describe('resolveAppRequest', () => {
  it('maps app://studio URLs into the renderer folder', () => {
    expect(resolveAppRequest(root, 'app://studio/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest(root, 'app://studio/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest(root, 'app://studio/assets/index-1.js?v=2#x')).toBe(
      path.join(root, 'assets', 'index-1.js'),
    );
  });

  it.each([
    'app://studio/../../../etc/passwd',
    'app://studio/%2e%2e/%2e%2e/etc/passwd',
    'app://studio/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://studio/..%5c..%5cwindows%5cwin.ini',
    'app://studio/index.html%00.png',
    'app://studio/C:/Windows/win.ini',
    'app://studio/%E0%A4%A',
  ])('refuses the traversal %s', (url) => {
    const resolved = resolveAppRequest(root, url);
    // The URL parser folds `..` and `%2e%2e` segments away; whatever is left must stay inside.
    if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
    // Encoded separators, NULs and drive letters survive the parser: those must be refused outright.
    if (/%2f|%5c|%00|%E0|C:/i.test(url)) expect(resolved).toBeNull();
  });

  it.each(['app://other/index.html', 'file:///etc/passwd', 'https://studio/index.html', 'nonsense'])(
    'refuses %s',
    (url) => {
      expect(resolveAppRequest(root, url)).toBeNull();
    },
  );
});

describe('appPaths', () => {
  it('finds the preload, renderer and engine host next to out/main', () => {
    const paths = appPaths(path.resolve('/app/out/main'));
    expect(paths).toEqual({
      preload: path.resolve('/app/out/preload/index.cjs'),
      rendererDir: path.resolve('/app/out/renderer'),
      engineHost: path.resolve('/app/out/main/engine-host.js'),
    });
  });
});
