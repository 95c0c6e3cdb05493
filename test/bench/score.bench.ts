/**
 * `npm run bench [-- --rows N] [--columns N] [--threads N] [--chunk-rows N] [--members a,b,c] [--repeat N]
 * [--formats csv,parquet] [--pandas N]`:
 * throughput and memory of the scoring pipeline on a large synthetic file shaped like the demo data
 * (default 1M rows × 30 numeric columns, about 270 MB of CSV), with a soft vote of the demo's
 * members (default: logreg with ZipMap, the 40-tree forest and the MLP, as the reference task).
 * `--columns 50` widens the file with numeric columns the members do not read (the scale run:
 * `--rows 10000000 --columns 50 --members logreg,forest,mlp,gboost,logreg --formats csv`); a member
 * named twice is a second copy of that model (`logreg_2`).
 *
 * For each input format (CSV, Parquet) it prints parse only (DuckDB → typed columns), inference
 * only (ONNX Runtime on preloaded tensors, extrapolated from 262,144 rows), and for each output
 * format (CSV, Parquet) write only (the output columns of every row, precomputed, through the
 * writer) and end to end (`score` through the built CLI and its engine host, output written and
 * renamed, history recorded), with the ratio end to end ÷ (parse + inference) and peak RSS.
 * Each measurement runs `--repeat` times (default 3) and the median is printed, with the runs.
 * Numbers only; nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDataset } from '../../main/data/open-dataset';
import { openWriter } from '../../main/data/open-writer';
import type { DataChunk, OutputColumn } from '../../contract/data-types';
import { resolveEnsemble } from '../../main/ensemble/resolve';
import { buildFeeds } from '../../main/ensemble/feeds';
import { loadSpecFile } from '../../main/engine/load-spec';
import { loadModels, modelInfos, openSessions, releaseSessions } from '../../main/jobs/load-members';
import { connectDuckDb, sqlString } from '../../main/data/duckdb-engine';
import { toFeeds } from '../../main/runtime/tensors';
import { runCli, REPO } from '../support/run-cli';
import { DEMO, writeDemoRows } from '../support/demo-data';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildCli } from '../../scripts/build-cli.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    columns: { type: 'string', default: '30' },
    threads: { type: 'string' },
    'chunk-rows': { type: 'string' },
    members: { type: 'string', default: 'logreg,forest,mlp' },
    formats: { type: 'string', default: 'csv,parquet' },
    pandas: { type: 'string' },
    repeat: { type: 'string', default: '3' },
  },
});
/** Runs of each measurement; the median is printed (this machine's speed drifts run to run). */
const repeat = Math.max(1, Number(values.repeat));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
/** Every run's value after the median, when there is more than one. */
const runs = (xs: number[]) => (xs.length > 1 ? `  (runs ${list(xs)} s)` : '');
const rows = Number(values.rows);
const threads = values.threads ? Number(values.threads) : undefined;
const chunkRows = values['chunk-rows'] ? Number(values['chunk-rows']) : undefined;
const formats = values.formats.split(',') as ('csv' | 'parquet')[];
const FEATURES = 30;
const columns = Math.max(FEATURES, Number(values.columns));
const workDir = join(REPO, '.bench');
mkdirSync(workDir, { recursive: true });
const csvInput = join(workDir, columns === FEATURES ? `demo-${rows}.csv` : `demo-${rows}x${columns}.csv`);

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en-US')} rows/s`;
const pad = (label: string) => label.padEnd(26);

/** A spec with only the chosen demo members, beside the demo's models. */
async function benchSpec(): Promise<string> {
  const { spec } = await loadSpecFile(join(DEMO, 'demo.ensemble.json'));
  const names = values.members.split(',');
  // A name given again is another copy of that member's model (`logreg_2`), for wider ensembles.
  const seen = new Map<string, number>();
  const members = names.map((name) => {
    const member = spec.members.find((m) => m.name === name);
    if (!member) throw new Error(`--members: the demo has no member "${name}"`);
    const copy = (seen.get(name) ?? 0) + 1;
    seen.set(name, copy);
    return { ...member, name: copy === 1 ? name : `${name}_${copy}`, model: join(DEMO, member.model) };
  });
  const path = join(workDir, `bench-${names.join('-')}.ensemble.json`);
  writeFileSync(path, JSON.stringify({ ...spec, name: `bench ${names.join('+')}`, members }, null, 2));
  return path;
}

async function ensureInputs(): Promise<Record<'csv' | 'parquet', string>> {
  if (!existsSync(csvInput)) {
    process.stdout.write(`generating ${rows.toLocaleString('en-US')} rows → ${csvInput} … `);
    const t = performance.now();
    await writeDemoRows(csvInput, rows, columns - FEATURES);
    process.stdout.write(`${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  const parquet = csvInput.replace(/\.csv$/, '.parquet');
  if (formats.includes('parquet') && !existsSync(parquet)) {
    const connection = await connectDuckDb();
    try {
      await connection.run(
        `COPY (SELECT * FROM read_csv(${sqlString(csvInput)}, header = true)) TO ${sqlString(parquet)} (FORMAT parquet)`,
      );
    } finally {
      connection.closeSync();
    }
  }
  return { csv: csvInput, parquet };
}

/** The reader (fast CSV path, else DuckDB) reading the members' columns into Float32 columns (extra columns are parsed past). */
async function parseOnly(input: string): Promise<number> {
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let n = 0;
  for (let run = 0; run < repeat; run++) {
    const reader = await openDataset(input);
    const columns = new Map(
      reader.info.columns
        .filter((c) => c.name !== 'diagnosis' && !c.name.startsWith('extra_'))
        .map((c) => [c.name, 'float32' as const]),
    );
    const t = performance.now();
    const cpuBefore = process.cpuUsage();
    n = 0;
    for await (const chunk of reader.chunks({ columns, chunkRows })) n += chunk.rowCount;
    seconds.push((performance.now() - t) / 1000);
    // All threads of this process: DuckDB parses on its own (ENSEMBLE_STUDIO_FAST_CSV=0 compares).
    const cpu = process.cpuUsage(cpuBefore);
    cpuSeconds.push((cpu.user + cpu.system) / 1e6);
    await reader.close();
  }
  const s = median(seconds);
  console.log(
    `${pad('  parse only')}${s.toFixed(2)} s  ${rate(n, s)}  ${median(cpuSeconds).toFixed(2)} CPU-s` +
      runs(seconds),
  );
  return s;
}

/** Seconds for all `rows`, extrapolated from ONNX Runtime on up to 262,144 preloaded rows. */
async function inferenceOnly(specPath: string, input: string): Promise<number> {
  const { spec, baseDir } = await loadSpecFile(specPath);
  const models = await loadModels(spec, baseDir);
  const reader = await openDataset(input);
  const resolved = resolveEnsemble(
    spec,
    modelInfos(models),
    reader.info.columns.filter((c) => c.name !== 'diagnosis' && !c.name.startsWith('extra_')),
  );
  const chunks: DataChunk[] = [];
  let preloaded = 0;
  for await (const chunk of reader.chunks({ columns: resolved.columns, chunkRows })) {
    chunks.push(chunk);
    preloaded += chunk.rowCount;
    if (preloaded >= 262_144) break;
  }
  await reader.close();
  const feeds = chunks.map((chunk) => resolved.members.map((m) => toFeeds(buildFeeds(m, chunk))));
  const loaded = await openSessions(models, { provider: 'cpu', threads });
  const seconds: number[] = [];
  for (let run = 0; run < repeat; run++) {
    const t = performance.now();
    for (const chunkFeeds of feeds) {
      for (let i = 0; i < resolved.members.length; i++) {
        await loaded.members[i]!.session.run(chunkFeeds[i]!, [resolved.members[i]!.output]);
      }
    }
    seconds.push(((performance.now() - t) / 1000) * (rows / preloaded));
  }
  await releaseSessions(loaded.members);
  const forAll = median(seconds);
  console.log(`${pad('  inference only')}${forAll.toFixed(2)} s  ${rate(rows, forAll)}` + runs(seconds));
  return forAll;
}

/** The writer alone on output columns shaped like score's (prediction and two probabilities). */
async function writeOnly(format: 'csv' | 'parquet'): Promise<void> {
  const path = join(workDir, `write-only.${format}`);
  rmSync(path, { force: true });
  const block = 32_768;
  const columns: OutputColumn[] = [
    { name: 'prediction', kind: 'float64', values: new Float64Array(block) },
    { name: 'proba_0', kind: 'float64', values: new Float64Array(block) },
    { name: 'proba_1', kind: 'float64', values: new Float64Array(block) },
  ];
  for (let r = 0; r < block; r++) {
    const p = (r * 0.6180339887498949) % 1;
    columns[0]!.values[r] = p > 0.5 ? 1 : 0;
    columns[1]!.values[r] = 1 - p;
    columns[2]!.values[r] = p;
  }
  const writer = await openWriter(path, format);
  const t = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let done = 0; done < rows; done += block) {
    const n = Math.min(block, rows - done);
    await writer.write(
      n === block
        ? columns
        : columns.map((c) => ({ ...c, values: (c.values as Float64Array).subarray(0, n) }) as OutputColumn),
    );
  }
  await writer.finish();
  const s = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${pad(`  write only → ${format}`)}${s.toFixed(2)} s  ${rate(rows, s)}  ${cpuSeconds.toFixed(2)} CPU-s`,
  );
  rmSync(path, { force: true });
}

async function endToEnd(specPath: string, input: string, format: 'csv' | 'parquet', floor: number) {
  const output = join(workDir, `scored.${format}`);
  const history = join(workDir, 'bench-history.sqlite');
  rmSync(output, { force: true });
  const args = ['score', '--ensemble', specPath, '--input', input, '--output', output];
  args.push('--json', '--history', history, '--overwrite');
  if (chunkRows) args.push('--chunk-rows', String(chunkRows));
  if (threads) args.push('--threads', String(threads));
  const walls: number[] = [];
  const jobs: number[] = [];
  let result = { rows: 0, hostPeakRssBytes: 0, enginePeakRssBytes: 0 };
  for (let run = 0; run < repeat; run++) {
    const t = performance.now();
    const r = await runCli(args);
    walls.push((performance.now() - t) / 1000);
    if (r.code !== 0) throw new Error(`score failed: ${r.stderr}`);
    const one = JSON.parse(r.stdout) as {
      rows: number;
      seconds: number;
      hostPeakRssBytes: number;
      enginePeakRssBytes: number;
    };
    jobs.push(one.seconds);
    result = {
      rows: one.rows,
      hostPeakRssBytes: Math.max(result.hostPeakRssBytes, one.hostPeakRssBytes),
      enginePeakRssBytes: Math.max(result.enginePeakRssBytes, one.enginePeakRssBytes),
    };
  }
  const wall = median(walls);
  console.log(
    `${pad(`  end to end → ${format}`)}${wall.toFixed(2)} s wall (${median(jobs).toFixed(2)} s in the job)  ` +
      `${rate(result.rows, wall)}  ratio ${(wall / floor).toFixed(2)} × (parse + inference)  ` +
      `peak RSS host ${mib(result.hostPeakRssBytes)}, CLI ${mib(result.enginePeakRssBytes)}` +
      runs(walls),
  );
  rmSync(output, { force: true });
}

async function main(): Promise<void> {
  await (buildCli as () => Promise<void>)();
  const specPath = await benchSpec();
  const inputs = await ensureInputs();
  console.log(
    `${rows.toLocaleString('en-US')} rows × ${columns} columns, ${FEATURES} read by the members ` +
      `(${(statSync(csvInput).size / 1e6).toFixed(0)} MB CSV); ` +
      `members ${values.members}; chunk ${chunkRows ?? 'default'} rows; threads ${threads ?? 'default'}`,
  );
  for (const format of formats) writeOnlyFormats.add(format);
  for (const input of formats) {
    console.log(`${input} input (${(statSync(inputs[input]).size / 1e6).toFixed(0)} MB):`);
    const parse = await parseOnly(inputs[input]);
    const inference = await inferenceOnly(specPath, inputs[input]);
    for (const output of formats) await endToEnd(specPath, inputs[input], output, parse + inference);
  }
  console.log('output writers:');
  for (const format of writeOnlyFormats) await writeOnly(format);
  if (values.pandas) versusPandas(specPath, Number(values.pandas));
}

const writeOnlyFormats = new Set<'csv' | 'parquet'>();

/**
 * `--pandas N`: the README's score command (CSV in, CSV out) against the script an analyst would
 * write instead (test/bench/pandas_reference.py: pandas, scikit-learn, PyTorch), N runs each,
 * alternating, with the medians and their ratio. Needs Debian's python3-sklearn, python3-torch and
 * python3-pandas (PYTHON names another interpreter).
 */
function versusPandas(specPath: string, runs: number): void {
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  const script = join(REPO, 'test', 'bench', 'pandas_reference.py');
  if (!existsSync(join(workDir, 'pandas-reference.pkl'))) {
    const fit = spawnSync(python, [script, 'fit'], { stdio: 'inherit' });
    if (fit.status !== 0)
      throw new Error(`${python} ${script} fit failed (are python3-sklearn and python3-torch installed?)`);
  }
  const timed = (command: string, args: string[]): number => {
    const t = performance.now();
    const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr.toString().slice(-500)}`);
    return (performance.now() - t) / 1000;
  };
  const ours: number[] = [];
  const theirs: number[] = [];
  const output = join(workDir, 'versus.csv');
  const cli = join(REPO, 'bin', 'ensemble-studio.js');
  for (let i = 0; i < runs; i++) {
    ours.push(
      timed(process.execPath, [
        cli,
        'score',
        '--ensemble',
        specPath,
        '--input',
        csvInput,
        '--output',
        output,
        '--history',
        join(workDir, 'bench-history.sqlite'),
        '--overwrite',
      ]),
    );
    theirs.push(timed(python, [script, 'score', csvInput, output]));
  }
  rmSync(output, { force: true });
  console.log('versus pandas (CSV in, CSV out, wall, alternating):');
  console.log(`${pad('  ensemble-studio score')}${list(ours)} s  median ${median(ours).toFixed(2)} s`);
  console.log(`${pad('  pandas + sklearn + torch')}${list(theirs)} s  median ${median(theirs).toFixed(2)} s`);
  console.log(`${pad('  speed-up')}${(median(theirs) / median(ours)).toFixed(2)} ×`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
