/**
 * The command line's side of safe outputs, weights and plain errors, as an analyst runs it: real
 * CLI processes on a copy of the demo, a real history file.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { runCli, type CliResult } from '../../support/run-cli';
import { DEMO } from '../../support/demo-data';
import { leakedInternals, MessageLog } from '../../support/user-errors';

let tmp: ReturnType<typeof makeTempDir>;
let demo: string;
let spec: string;
let data: string;
let history: string;
const log = new MessageLog();

beforeAll(() => {
  tmp = makeTempDir('es-cli-safe-');
  demo = join(tmp.dir, 'demo');
  cpSync(DEMO, demo, { recursive: true });
  spec = join(demo, 'demo.ensemble.json');
  data = join(demo, 'breast_cancer.csv');
  history = join(tmp.dir, 'history.sqlite');
});
afterAll(() => {
  expect(leakedInternals(log.messages)).toEqual([]);
  tmp.cleanup();
});

async function cli(...args: string[]): Promise<CliResult> {
  const r = await runCli([...args, '--history', history]);
  log.add(r.stderr);
  return r;
}

/** The demo spec with other weights (and maybe another file name), written into the demo copy. */
function specWithWeights(name: string, weights: (number | string)[]): string {
  const text = readFileSync(spec, 'utf8');
  const parsed = JSON.parse(text) as { members: { weight?: number }[] };
  let json = JSON.stringify({
    ...parsed,
    members: parsed.members.map((m, i) => ({ ...m, weight: `@@${i}@@` })),
  });
  // Literal JSON numbers such as 1e400 (which JSON.parse reads as Infinity) are written as text.
  weights.forEach((w, i) => (json = json.replace(`"@@${i}@@"`, String(w))));
  const path = join(demo, name);
  writeFileSync(path, json);
  return path;
}

describe('score, export and evaluate refuse to write over what they read', () => {
  it('score --output = --input: exit 1, both named, the input byte-identical', async () => {
    const before = readFileSync(data);
    const r = await cli(
      'score',
      '--ensemble',
      spec,
      '--input',
      data,
      '--output',
      join(demo, '.', 'breast_cancer.csv'),
      '--overwrite',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: The output .*breast_cancer\.csv is the input data file .*breast_cancer\.csv: choose another output file\n$/,
    );
    expect(readFileSync(data)).toEqual(before);
  });

  it('export --output = a member model, and evaluate --report = the history: refused, both intact', async () => {
    const model = join(demo, 'models', 'logreg.onnx');
    const modelBefore = readFileSync(model);
    const exported = await cli('export', '--ensemble', spec, '--output', model, '--overwrite');
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/is the model of member "logreg"/);
    expect(readFileSync(model)).toEqual(modelBefore);

    const evaluated = await cli(
      'evaluate',
      '--ensemble',
      spec,
      '--input',
      data,
      '--label',
      'diagnosis',
      '--report',
      history,
      '--overwrite',
    );
    expect(evaluated.code).toBe(1);
    expect(evaluated.stderr).toMatch(/The report .* is the history database/);
    const list = await cli('history', 'list', '--json');
    expect(list.code).toBe(0);
  });

  it('export without --check says what it did, not "Exported 0 rows"', async () => {
    const fused = join(tmp.dir, 'fused.onnx');
    const r = await cli('export', '--ensemble', spec, '--output', fused);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Exported the ensemble as one ONNX model in .* — run #\d+\n/);
    expect(r.stdout).not.toMatch(/0 rows/);
  });

  it('an existing output is refused without --overwrite and replaced with it', async () => {
    const out = join(tmp.dir, 'scored.csv');
    writeFileSync(out, 'old\n');
    const refused = await cli('score', '--ensemble', spec, '--input', data, '--output', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/scored\.csv already exists: pass --overwrite to replace it/);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    const replaced = await cli('score', '--ensemble', spec, '--input', data, '--output', out, '--overwrite');
    expect(replaced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^prediction,/);
  });

  it('a spec that fails the schema: plain words on stderr, the technical detail only in --json', async () => {
    const parsed = JSON.parse(readFileSync(spec, 'utf8')) as { members: Record<string, unknown>[] };
    delete parsed.members[0]!.model;
    const broken = join(demo, 'broken.json');
    writeFileSync(broken, JSON.stringify(parsed));
    const r = await cli(
      'score',
      '--ensemble',
      broken,
      '--input',
      data,
      '--output',
      join(tmp.dir, 'x.csv'),
      '--json',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.json: member "logreg", field model: /);
    const payload = JSON.parse(r.stdout) as { error: { message: string; detail?: string } };
    expect(payload.error.message).toMatch(/member "logreg"/);
    expect(payload.error.detail).toMatch(/members\[0\]\.model/);
  });
});

describe('demo', () => {
  it('re-runs into its own folder; a folder the user names needs --overwrite the second time', async () => {
    const own = join(tmp.dir, 'demo-home', 'history.sqlite');
    mkdirSync(join(tmp.dir, 'demo-home'));
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['demo', '--history', own]);
      log.add(r.stderr);
      expect(r.code).toBe(0);
    }
    const named = join(tmp.dir, 'demo-out');
    expect((await cli('demo', '--output', named)).code).toBe(0);
    const again = await cli('demo', '--output', named);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/breast_cancer\.scored\.csv already exists: pass --overwrite/);
    expect((await cli('demo', '--output', named, '--overwrite')).code).toBe(0);
  });
});

describe('weights', () => {
  it('a negative, an infinite or all-zero weights in a spec file are refused naming the member', async () => {
    const out = join(tmp.dir, 'w.csv');
    const negative = await cli(
      'score',
      '--ensemble',
      specWithWeights('neg.json', [1, -1, 1, 1]),
      '--input',
      data,
      '--output',
      out,
    );
    expect(negative.code).toBe(1);
    expect(negative.stderr).toMatch(/member "forest": the weight must be a finite number ≥ 0 \(got -1\)/);
    const infinite = await cli(
      'score',
      '--ensemble',
      specWithWeights('inf.json', [1, 1, '1e400', 1]),
      '--input',
      data,
      '--output',
      out,
    );
    expect(infinite.code).toBe(1);
    expect(infinite.stderr).toMatch(/member "\w+": the weight must be a finite number ≥ 0 \(got Infinity\)/);
    const zero = await cli(
      'score',
      '--ensemble',
      specWithWeights('zero.json', [0, 0, 0, 0]),
      '--input',
      data,
      '--output',
      out,
    );
    expect(zero.code).toBe(1);
    expect(zero.stderr).toMatch(/every member's weight is 0 \("logreg", "forest"/);
  });

  it('every weight at 1e308 scores exactly as equal weights', async () => {
    const big = join(tmp.dir, 'big.csv');
    const equal = join(tmp.dir, 'equal.csv');
    const a = await cli(
      'score',
      '--ensemble',
      specWithWeights('big.json', ['1e308', '1e308', '1e308', '1e308']),
      '--input',
      data,
      '--output',
      big,
    );
    const b = await cli(
      'score',
      '--ensemble',
      specWithWeights('equal.json', [1, 1, 1, 1]),
      '--input',
      data,
      '--output',
      equal,
    );
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(readFileSync(big, 'utf8')).toBe(readFileSync(equal, 'utf8'));
  });
});

describe('the history', () => {
  it('--history naming a folder says so in words', async () => {
    const folder = join(tmp.dir, 'a-folder');
    mkdirSync(folder);
    const r = await runCli(['history', 'list', '--history', folder]);
    log.add(r.stderr);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a-folder is a folder: give a file path for the history/);
  });

  it('two different specs with one name are versions 1 and 2; filters match parts of what the table shows', async () => {
    const hist = join(tmp.dir, 'versions.sqlite');
    const run = async (...args: string[]) => {
      const r = await runCli([...args, '--history', hist]);
      log.add(r.stderr);
      return r;
    };
    const first = specWithWeights('first.ensemble.json', [1, 1, 1, 1]);
    const second = specWithWeights('second.ensemble.json', [2, 1, 1, 1]);
    expect(
      (await run('score', '--ensemble', first, '--input', data, '--output', join(tmp.dir, 'v1.csv'))).code,
    ).toBe(0);
    expect(
      (await run('score', '--ensemble', second, '--input', data, '--output', join(tmp.dir, 'v2.csv'))).code,
    ).toBe(0);
    const list = await run('history', 'list', '--json');
    const runs = JSON.parse(list.stdout) as { ensembleName: string; ensembleVersionNumber: number }[];
    expect(runs.map((r) => [r.ensembleName, r.ensembleVersionNumber])).toEqual([
      ['breast cancer blend', 2],
      ['breast cancer blend', 1],
    ]);
    const filtered = await run(
      'history',
      'list',
      '--json',
      '--ensemble',
      'CANCER',
      '--kind',
      'sco',
      '--dataset',
      'Breast_',
    );
    expect((JSON.parse(filtered.stdout) as unknown[]).length).toBe(2);
    const none = await run('history', 'list', '--json', '--status', 'fail');
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('evaluate on the file an optimize run fitted the ensemble on is labelled in-sample', async () => {
    const optimized = join(tmp.dir, 'optimised.ensemble.json');
    const opt = await cli(
      'optimize',
      '--ensemble',
      spec,
      '--input',
      data,
      '--label',
      'diagnosis',
      '--method',
      'greedy',
      '--size',
      '5',
      '--output',
      optimized,
    );
    expect(opt.code).toBe(0);
    const inSample = await cli(
      'evaluate',
      '--ensemble',
      optimized,
      '--input',
      data,
      '--label',
      'diagnosis',
      '--json',
    );
    expect(inSample.code).toBe(0);
    const result = JSON.parse(inSample.stdout) as {
      inSample?: boolean;
      inSampleRunId?: number;
      warnings: string[];
    };
    expect(result.inSample).toBe(true);
    expect(result.warnings.join('\n')).toMatch(
      /In-sample: this file is the one the ensemble was optimised on \(run #\d+\)/,
    );
    const holdout = await cli(
      'evaluate',
      '--ensemble',
      optimized,
      '--input',
      join(demo, 'breast_cancer_holdout.csv'),
      '--label',
      'diagnosis',
      '--json',
    );
    expect(holdout.code).toBe(0);
    expect((JSON.parse(holdout.stdout) as { inSample?: boolean }).inSample).toBeUndefined();
  });
});
