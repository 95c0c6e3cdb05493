/**
 * Vite build of the renderer alone (the e2e tests and `npm run serve` use it; the desktop build may
 * use electron-vite's renderer section instead — both write out/renderer).
 *
 *   npx vite build renderer        (or: npx vite build --config renderer/vite.config.ts)
 *
 * The root is this file's folder whichever way it is invoked. No Node built-ins here: the
 * renderer folder is linted as browser code.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/^\/([A-Za-z]:)/, '$1');

export default defineConfig({
  root: here,
  // Relative asset URLs: the same build is served from app:// in Electron and from the loopback bridge.
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}../out/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Fonts and everything else stay files: the CSP allows no data: fonts and no inline styles.
    assetsInlineLimit: 0,
    rollupOptions: { input: { index: `${here}index.html` } },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
