/**
 * `npm run bench [-- --rows N] [--threads N]`: throughput and memory of the scoring pipeline on
 * a large synthetic file shaped like the demo data (default 1M rows × 30 numeric columns,
 * about 270 MB of CSV), with the demo ensemble (linear, 40-tree forest, MLP, boosted trees).
 *
 * Prints: parse-only (DuckDB → typed columns), inference-only (ONNX Runtime on preloaded
 * tensors), and end-to-end (`score` through the CLI and its engine host, output written), with
 * peak RSS. Numbers only; nothing here asserts a time.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDataset } from '../../main/data/open-dataset';
import type { DataChunk } from '../../contract/data-types';
import { resolveEnsemble } from '../../main/ensemble/resolve';
import { buildFeeds } from '../../main/ensemble/feeds';
import { loadSpecFile } from '../../main/engine/load-spec';
import { loadModels, modelInfos, openSessions, releaseSessions } from '../../main/jobs/load-members';
import * as ort from 'onnxruntime-node';
import { runCli, REPO } from '../support/run-cli';
import { DEMO, writeDemoRows } from '../support/demo-data';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    threads: { type: 'string' },
    'chunk-rows': { type: 'string' },
  },
});
const rows = Number(values.rows);
const threads = values.threads ? Number(values.threads) : undefined;
const chunkRows = values['chunk-rows'] ? Number(values['chunk-rows']) : 16_384;
const workDir = join(REPO, '.bench');
mkdirSync(workDir, { recursive: true });
const input = join(workDir, `demo-${rows}.csv`);
const specPath = join(DEMO, 'demo.ensemble.json');

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en-US')} rows/s`;

async function main(): Promise<void> {
  if (!existsSync(input)) {
    process.stdout.write(`generating ${rows.toLocaleString('en-US')} rows → ${input} … `);
    const t = performance.now();
    await writeDemoRows(input, rows);
    process.stdout.write(`${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  const sizeMb = statSync(input).size / 1e6;
  console.log(
    `input: ${rows.toLocaleString('en-US')} rows × 31 columns, ${sizeMb.toFixed(0)} MB CSV; chunk ${chunkRows} rows; threads ${threads ?? 'default'}`,
  );

  // 1. Parse only: every feature column into Float32Array chunks.
  {
    const reader = await openDataset(input);
    const columns = new Map(
      reader.info.columns.filter((c) => c.name !== 'diagnosis').map((c) => [c.name, 'float32' as const]),
    );
    const t = performance.now();
    let n = 0;
    for await (const chunk of reader.chunks({ columns, chunkRows })) n += chunk.rowCount;
    const s = (performance.now() - t) / 1000;
    await reader.close();
    console.log(`parse only:      ${s.toFixed(2)} s  ${rate(n, s)}  ${(sizeMb / s).toFixed(0)} MB/s`);
  }

  // 2. Inference only: members run on tensors built beforehand (up to 262,144 rows, extrapolated as rows/s).
  {
    const { spec, baseDir } = await loadSpecFile(specPath);
    const models = await loadModels(spec, baseDir);
    const reader = await openDataset(input);
    const resolved = resolveEnsemble(
      spec,
      modelInfos(models),
      reader.info.columns.filter((c) => c.name !== 'diagnosis'),
    );
    const chunks: DataChunk[] = [];
    let preloaded = 0;
    for await (const chunk of reader.chunks({ columns: resolved.columns, chunkRows })) {
      chunks.push(chunk);
      preloaded += chunk.rowCount;
      if (preloaded >= 262_144) break;
    }
    await reader.close();
    const feeds = chunks.map((chunk) =>
      resolved.members.map((m) => {
        const built = buildFeeds(m, chunk);
        return Object.fromEntries(
          Object.entries(built).map(([name, f]) => [
            name,
            new ort.Tensor(f.type as 'float32', f.data as Float32Array, f.dims),
          ]),
        );
      }),
    );
    const loaded = await openSessions(models, { provider: 'cpu', threads });
    const perMember = new Float64Array(resolved.members.length);
    const t = performance.now();
    for (const chunkFeeds of feeds) {
      for (let i = 0; i < resolved.members.length; i++) {
        const start = performance.now();
        await loaded.members[i]!.session.run(chunkFeeds[i]!, [resolved.members[i]!.output]);
        perMember[i] = perMember[i]! + performance.now() - start;
      }
    }
    const s = (performance.now() - t) / 1000;
    await releaseSessions(loaded.members);
    const detail = resolved.members
      .map((m, i) => `${m.name} ${rate(preloaded, perMember[i]! / 1000 || 1e-9)}`)
      .join(', ');
    console.log(
      `inference only:  ${s.toFixed(2)} s for ${preloaded.toLocaleString('en-US')} rows  ${rate(preloaded, s)}  (${detail})`,
    );
  }

  // 3. End to end through the CLI: engine + host process, output written and renamed, history recorded.
  {
    const output = join(workDir, 'scored.csv');
    const history = join(workDir, 'bench-history.sqlite');
    rmSync(output, { force: true });
    const t = performance.now();
    const args = [
      'score',
      '--ensemble',
      specPath,
      '--input',
      input,
      '--output',
      output,
      '--json',
      '--history',
      history,
      '--chunk-rows',
      String(chunkRows),
    ];
    if (threads) args.push('--threads', String(threads));
    const r = await runCli(args);
    const wall = (performance.now() - t) / 1000;
    if (r.code !== 0) throw new Error(`score failed: ${r.stderr}`);
    const result = JSON.parse(r.stdout) as {
      rows: number;
      seconds: number;
      hostPeakRssBytes: number;
      enginePeakRssBytes: number;
    };
    console.log(
      `end to end:      ${result.seconds.toFixed(2)} s in the job (${wall.toFixed(2)} s wall with process start)  ${rate(result.rows, result.seconds)}` +
        `  peak RSS host ${mib(result.hostPeakRssBytes)} + engine ${mib(result.enginePeakRssBytes)}`,
    );
    rmSync(output, { force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
