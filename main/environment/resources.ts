/** Where the bundled resources are: the checkout's resources/ or, packaged, next to the app. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function resourcesDir(): string {
  const fromEnv = process.env.ENSEMBLE_STUDIO_RESOURCES;
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources');
    // Packaged, the demo is unpacked beside the asar: DuckDB and ONNX Runtime read real files.
    const unpacked = candidate.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
    if (existsSync(join(unpacked, 'demo'))) return unpacked;
    if (existsSync(join(candidate, 'demo'))) return candidate;
    dir = dirname(dir);
  }
  return join(process.cwd(), 'resources');
}

export function demoDir(): string {
  return join(resourcesDir(), 'demo');
}
