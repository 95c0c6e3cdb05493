/**
 * The command line's entry under plain Node (bundled to out/cli/ensemble-studio.js): runs `main`
 * and exits once output is flushed. The desktop app runs the same `main` itself (cli-routing.ts).
 */
// First: ONNX Runtime must not start its telemetry (main/runtime/no-telemetry.ts).
import '../runtime/no-telemetry';
import { forkHostEarly } from '../host/host-client';

/** Commands whose work runs in an engine host: it starts before the rest of the CLI loads. */
const HOST_FIRST = new Set(['score', 'evaluate', 'optimize']);
const argv = process.argv.slice(2);
if (HOST_FIRST.has(argv[0] ?? '') && !argv.includes('--help')) forkHostEarly();
const { main } = await import('./index');

// Exit explicitly once output is flushed: native libraries may keep idle threads around.
main(argv).then(
  (code) => exitAfterFlush(code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    exitAfterFlush(1);
  },
);

function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
