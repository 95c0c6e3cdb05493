/**
 * `npm run bench [-- --rows N] [--columns N] [--threads N] [--chunk-rows N] [--members a,b,c] [--repeat N]
 * [--formats csv,parquet] [--warmup N] [--pandas N]`:
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
 * The measurements run in `--repeat` rounds (default 5) after `--warmup` untimed ones (default 1),
 * each round parse, inference and end to end one after another, so a round's ratio compares runs
 * made within seconds of each other; the medians are printed with the runs, and the ratio is the
 * median of the rounds' ratios.
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
    repeat: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
  },
});
/** Runs of each measurement; the median is printed (this machine's speed drifts run to run). */
const repeat = Math.max(1, Number(values.repeat));
/** Untimed rounds before the timed ones (as hyperfine's --warmup): the first run of each part is slower. */
const warmup = Math.max(0, Number(values.warmup));
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

/** One run of parse only: the reader (fast CSV path, else DuckDB) → Float32 columns (extra columns are parsed past). */
async function parseOnce(input: string): Promise<{ seconds: number; cpuSeconds: number; rows: number }> {
  const reader = await openDataset(input);
  const columns = new Map(
    reader.info.columns
      .filter((c) => c.name !== 'diagnosis' && !c.name.startsWith('extra_'))
      .map((c) => [c.name, 'float32' as const]),
  );
  const t = performance.now();
  const cpuBefore = process.cpuUsage();
  let n = 0;
  for await (const chunk of reader.chunks({ columns, chunkRows })) n += chunk.rowCount;
  const seconds = (performance.now() - t) / 1000;
  // All threads of this process: DuckDB parses on its own (ENSEMBLE_STUDIO_FAST_CSV=0 compares).
  const cpu = process.cpuUsage(cpuBefore);
  await reader.close();
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rows: n };
}

/**
 * ONNX Runtime on preloaded tensors (up to 262,144 rows of the file, its sessions opened once):
 * each call times one pass and returns the seconds extrapolated to all `rows`.
 */
async function inferenceRunner(specPath: string, input: string) {
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
  return {
    async once(): Promise<number> {
      const t = performance.now();
      for (const chunkFeeds of feeds) {
        for (let i = 0; i < resolved.members.length; i++) {
          await loaded.members[i]!.session.run(chunkFeeds[i]!, [resolved.members[i]!.output]);
        }
      }
      return ((performance.now() - t) / 1000) * (rows / preloaded);
    },
    close: () => releaseSessions(loaded.members),
  };
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

interface EndToEndRun {
  wall: number;
  job: number;
  rows: number;
  hostPeakRssBytes: number;
  enginePeakRssBytes: number;
}

/** One `score` through the built CLI and its engine host: output written and renamed, history recorded. */
async function endToEndOnce(
  specPath: string,
  input: string,
  format: 'csv' | 'parquet',
): Promise<EndToEndRun> {
  const output = join(workDir, `scored.${format}`);
  const history = join(workDir, 'bench-history.sqlite');
  // A fresh path each run: replacing a file costs a flush of its data on ext4, which no run should pay.
  rmSync(output, { force: true });
  const args = ['score', '--ensemble', specPath, '--input', input, '--output', output];
  args.push('--json', '--history', history, '--overwrite');
  if (chunkRows) args.push('--chunk-rows', String(chunkRows));
  if (threads) args.push('--threads', String(threads));
  const t = performance.now();
  const r = await runCli(args);
  const wall = (performance.now() - t) / 1000;
  if (r.code !== 0) throw new Error(`score failed: ${r.stderr}`);
  const one = JSON.parse(r.stdout) as {
    rows: number;
    seconds: number;
    hostPeakRssBytes: number;
    enginePeakRssBytes: number;
  };
  rmSync(output, { force: true });
  const { hostPeakRssBytes, enginePeakRssBytes } = one;
  return { wall, job: one.seconds, rows: one.rows, hostPeakRssBytes, enginePeakRssBytes };
}

/**
 * For one input format: `repeat` rounds, each measuring parse only, inference only and end to end
 * into every output format, one after the other, so that each round's ratio compares runs made
 * within seconds of each other (this machine's speed drifts from minute to minute). Medians are
 * printed; the ratio is the median of the rounds' ratios.
 */
async function measureInput(specPath: string, input: string): Promise<void> {
  const inference = await inferenceRunner(specPath, input);
  const parses: { seconds: number; cpuSeconds: number; rows: number }[] = [];
  const inferences: number[] = [];
  const ends = new Map(formats.map((f) => [f, [] as EndToEndRun[]]));
  try {
    for (let round = 0; round < warmup; round++) {
      await parseOnce(input);
      await inference.once();
      for (const output of formats) await endToEndOnce(specPath, input, output);
    }
    for (let round = 0; round < repeat; round++) {
      parses.push(await parseOnce(input));
      inferences.push(await inference.once());
      for (const output of formats) ends.get(output)!.push(await endToEndOnce(specPath, input, output));
    }
  } finally {
    await inference.close();
  }
  const parse = median(parses.map((p) => p.seconds));
  console.log(
    `${pad('  parse only')}${parse.toFixed(2)} s  ${rate(parses[0]!.rows, parse)}  ` +
      `${median(parses.map((p) => p.cpuSeconds)).toFixed(2)} CPU-s` +
      runs(parses.map((p) => p.seconds)),
  );
  const inferenceSeconds = median(inferences);
  console.log(
    `${pad('  inference only')}${inferenceSeconds.toFixed(2)} s  ${rate(rows, inferenceSeconds)}` +
      runs(inferences),
  );
  for (const output of formats) {
    const e = ends.get(output)!;
    const walls = e.map((x) => x.wall);
    const wall = median(walls);
    const ratios = e.map((x, round) => x.wall / (parses[round]!.seconds + inferences[round]!));
    const ratioRuns = ratios.length > 1 ? ` (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})` : '';
    console.log(
      `${pad(`  end to end → ${output}`)}${wall.toFixed(2)} s wall (${median(e.map((x) => x.job)).toFixed(2)} s in the job)  ` +
        `${rate(e[0]!.rows, wall)}  ratio ${median(ratios).toFixed(2)} × (parse + inference)${ratioRuns}  ` +
        `peak RSS host ${mib(Math.max(...e.map((x) => x.hostPeakRssBytes)))}, ` +
        `CLI ${mib(Math.max(...e.map((x) => x.enginePeakRssBytes)))}` +
        runs(walls),
    );
  }
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
    await measureInput(specPath, inputs[input]);
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
