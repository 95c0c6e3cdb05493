/**
 * Browser end-to-end tests: the built renderer in Debian's Chromium (playwright-core) against the
 * loopback bridge and the real engine, with a temporary history database.
 *
 *   npx vitest run --config test/e2e/vitest.e2e.config.ts
 *
 * Screenshots of every page land in test-results/e2e/.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Tests that load ONNX Runtime themselves: no usage events (main/runtime/no-telemetry.ts).
    env: { ORT_DISABLE_TELEMETRY: '1' },
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
