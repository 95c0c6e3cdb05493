import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built command line (out/cli): rebuild it from the current sources first.
    globalSetup: ['test/support/build-cli.setup.ts'],
    // Real ONNX Runtime, real SQLite and real child processes: give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests that load ONNX Runtime themselves: no usage events (main/runtime/no-telemetry.ts).
    env: { ORT_DISABLE_TELEMETRY: '1' },
    pool: 'forks',
    maxWorkers: 2,
  },
});
