/**
 * Where the built pieces are, relative to the bundled main script (out/main/index.js):
 * out/preload/index.cjs, out/renderer/, out/main/engine-host.js. Pure, for testing.
 */
import path from 'node:path';

export interface AppPaths {
  preload: string;
  rendererDir: string;
  engineHost: string;
}

export function appPaths(mainDir: string): AppPaths {
  const outDir = path.resolve(mainDir, '..');
  return {
    preload: path.join(outDir, 'preload', 'index.cjs'),
    rendererDir: path.join(outDir, 'renderer'),
    engineHost: path.join(outDir, 'main', 'engine-host.js'),
  };
}
