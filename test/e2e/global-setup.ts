/**
 * Builds the renderer once before the browser tests (vite, renderer/vite.config.ts → out/renderer),
 * unless E2E_SKIP_BUILD=1 and a build is already there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { REPO_ROOT, RENDERER_DIR } from './harness';

export default async function setup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(join(RENDERER_DIR, 'index.html'))) return;
  await build({ configFile: join(REPO_ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error(`the renderer build left no ${RENDERER_DIR}/index.html`);
}
