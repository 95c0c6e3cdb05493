/**
 * Builds the command line and the engine host into plain JavaScript (out/cli/), so that
 * `ensemble-studio …` starts without compiling TypeScript at run time:
 *   out/cli/ensemble-studio.js  the CLI (main/cli/run.ts, which runs main/cli/index.ts)
 *   out/cli/engine-host.js      the engine host it forks (main/host/engine-host.ts), found beside it
 * Native modules stay external and load from node_modules. Takes well under a second; `npm install`
 * runs it (the `prepare` script) and the test setup runs it again so tests never see a stale build.
 */
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Packages that load files of their own at run time (native addons; zstd's WebAssembly module,
 * found beside its code): kept out of the bundle and loaded from node_modules.
 */
const NATIVE_PACKAGES = [
  'better-sqlite3',
  'onnxruntime-node',
  '@duckdb/node-api',
  '@duckdb/node-bindings',
  '@bokuweb/zstd-wasm',
];
// Kept out of the bundle, with DuckDB's per-platform binding packages.
const NATIVE = [...NATIVE_PACKAGES, '@duckdb/node-bindings*'];

/**
 * Native packages are CommonJS. Imported from an ES module, Node first scans each one's source for
 * its export names (cjs-module-lexer), which cost the engine host about 150 ms at every start; a
 * one-line CommonJS shim that require()s the package lets the bundle's interop do that instead.
 */
const requireNatives = {
  name: 'require-natives',
  setup(build) {
    // The names hold no character a regular expression treats specially.
    const filter = new RegExp(`^(${NATIVE_PACKAGES.join('|')})$`);
    build.onResolve({ filter }, (args) =>
      args.namespace === 'native-shim'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'native-shim' },
    );
    build.onLoad({ filter: /.*/, namespace: 'native-shim' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

export async function buildCli() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      'ensemble-studio': 'main/cli/run.ts',
      'engine-host': 'main/host/engine-host.ts',
      // Worker threads the host starts: found beside the host's bundle.
      'read-ahead-worker': 'main/data/read-ahead-worker.ts',
      'write-behind-worker': 'main/data/write-behind-worker.ts',
    },
    outdir: 'out/cli',
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Modules loaded with import() become chunks of their own, with their native libraries: a
    // `history list` never loads DuckDB or ONNX Runtime.
    splitting: true,
    // Beside the entries: code that finds a worker or the host script looks next to itself.
    chunkNames: 'chunk-[hash]',
    target: 'node20',
    external: NATIVE,
    // Bundled CommonJS dependencies call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __esCreateRequire } from 'node:module'; const require = __esCreateRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [requireNatives],
    metafile: true,
  });
  // Chunk names change with their content: drop the previous builds' chunks.
  const outDir = join(root, 'out', 'cli');
  const current = new Set(Object.keys(result.metafile.outputs).map((path) => relative('out/cli', path)));
  for (const name of readdirSync(outDir)) if (!current.has(name)) rmSync(join(outDir, name), { force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
}
