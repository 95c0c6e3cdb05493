/**
 * `npm run serve`: the real engine behind the loopback HTTP bridge, so the real UI runs in a
 * plain browser. Prints the URL (with the token) and runs until Ctrl-C.
 */
// First: ONNX Runtime must not start its telemetry (main/runtime/no-telemetry.ts).
import '../runtime/no-telemetry';
import { existsSync } from 'node:fs';
import { createEngine } from '../engine/create-engine';
import { parseServeArgs, SERVE_USAGE, type ServeOptions } from './serve-args';
import { startBridge } from './server';

async function main(): Promise<void> {
  let options: ServeOptions;
  try {
    options = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${SERVE_USAGE}\n`);
    process.exit(2);
  }
  const hasUi = existsSync(options.staticDir);
  if (!hasUi) {
    process.stderr.write(
      `no built renderer at ${options.staticDir} (run: npx vite build renderer); serving the API only\n`,
    );
  }

  const engine = await createEngine({ historyPath: options.historyPath });
  const bridge = await startBridge({
    engine,
    host: '127.0.0.1',
    port: options.port,
    ...(hasUi ? { staticDir: options.staticDir } : {}),
  });
  process.stdout.write(`Ensemble Studio is serving at ${bridge.url}\nhistory: ${options.historyPath}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void bridge
      .close()
      .then(() => engine.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`serve failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
