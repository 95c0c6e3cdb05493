/**
 * The desktop build (`electron-vite build` → out/):
 *   out/main/index.js        the Electron main process (main/app/main.ts)
 *   out/main/engine-host.js  the engine host, started as a utilityProcess (main/host/engine-host.ts)
 *   out/preload/index.cjs    the preload, one self-contained CommonJS file (sandboxed preloads
 *                            cannot load ES modules or anything from node_modules)
 *   out/renderer/            the React UI (renderer/index.html)
 * Native modules stay external: they are loaded from node_modules (unpacked from the asar).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

/** Native addons and their loaders: never bundled, always required at run time. */
const NATIVE_MODULES = ['better-sqlite3', 'onnxruntime-node', '@duckdb/node-api', /^@duckdb\/node-bindings/];

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // package.json dependencies stay in node_modules; the natives are listed again to be sure.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(root, 'main/app/main.ts'),
          'engine-host': resolve(root, 'main/host/engine-host.ts'),
          'read-ahead-worker': resolve(root, 'main/data/read-ahead-worker.ts'),
          'write-behind-worker': resolve(root, 'main/data/write-behind-worker.ts'),
        },
        external: NATIVE_MODULES,
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Bundle zod and the contract in: a sandboxed preload can require only electron and a few built-ins.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative URLs: the same build is served from app://studio and from the loopback bridge.
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      target: 'chrome120',
      // Fonts and images stay files: the CSP allows no inline styles and no data: fonts.
      assetsInlineLimit: 0,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
