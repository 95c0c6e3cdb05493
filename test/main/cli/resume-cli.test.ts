/**
 * Resumable score runs, as real processes: a run killed with `kill -9` (the command line and its
 * engine host) at about half way, or stopped with Ctrl-C, and then run again with `--resume`,
 * ends with the very bytes of an uninterrupted run, and the history links the attempts. A changed
 * input refuses the resume, naming it.
 */
import { appendFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { makeTempDir } from '../../support/temp-dir';
import { runCli, startCli } from '../../support/run-cli';
import { DEMO, writeDemoRows } from '../../support/demo-data';

const SPEC = join(DEMO, 'demo.ensemble.json');
const ROWS = 200_000;
let tmp: ReturnType<typeof makeTempDir>;
let input: string;
let expected: Buffer;

beforeAll(async () => {
  tmp = makeTempDir('es-resume-');
  input = join(tmp.dir, 'big.csv');
  await writeDemoRows(input, ROWS);
  const whole = join(tmp.dir, 'whole.csv');
  const r = await runCli(scoreArgs(whole, join(tmp.dir, 'whole.sqlite')));
  expect(r.code).toBe(0);
  expected = readFileSync(whole);
}, 180_000);
afterAll(() => tmp.cleanup());

function scoreArgs(output: string, history: string, data = input): string[] {
  return [
    'score',
    '--ensemble',
    SPEC,
    '--input',
    data,
    '--output',
    output,
    '--keep-all',
    '--chunk-rows',
    '4000',
    '--history',
    history,
  ];
}

function runsOf(history: string) {
  const db = new Database(history, { readonly: true });
  try {
    return db.prepare('SELECT id, status, rows, parent_run_id FROM runs ORDER BY id').all() as {
      id: number;
      status: string;
      rows: number | null;
      parent_run_id: number | null;
    }[];
  } finally {
    db.close();
  }
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The rows the checkpoint beside `output` says are in the partial file. */
function checkpointRows(output: string): number {
  const path = join(tmp.dir, `.${output.split('/').pop()!}.partial-resume.ckpt.json`);
  try {
    const checkpoint = JSON.parse(readFileSync(path, 'utf8')) as { progress: { rowsDone: number } | null };
    return checkpoint.progress?.rowsDone ?? 0;
  } catch {
    return 0;
  }
}

async function untilHalfWay(output: string): Promise<number> {
  const end = Date.now() + 120_000;
  for (;;) {
    const rows = checkpointRows(output);
    if (rows >= ROWS * 0.45) return rows;
    if (Date.now() > end) throw new Error('the run never got half way');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(process.platform === 'linux')('score --resume', () => {
  it('kill -9 at about 50 %, then --resume: byte-identical output, both attempts in the history, linked', async () => {
    const output = join(tmp.dir, 'killed.csv');
    const history = join(tmp.dir, 'killed.sqlite');
    const cli = startCli(scoreArgs(output, history));
    const atKill = await untilHalfWay(output);
    expect(atKill).toBeLessThan(ROWS);
    const hosts = childrenOf(cli.child.pid!);
    cli.child.kill('SIGKILL');
    for (const pid of hosts) process.kill(pid, 'SIGKILL');
    await cli.done;
    expect(existsSync(output)).toBe(false);

    const resumed = await runCli([...scoreArgs(output, history), '--resume', '--json']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const result = JSON.parse(resumed.stdout) as {
      rows: number;
      resumed: { fromRunId: number; rowsBefore: number };
    };
    expect(result.rows).toBe(ROWS);
    expect(result.resumed.rowsBefore).toBeGreaterThanOrEqual(atKill);
    expect(readFileSync(output).equals(expected)).toBe(true);

    const runs = runsOf(history);
    expect(runs.map((r) => r.status)).toEqual(['interrupted', 'succeeded']);
    expect(runs[1]!.parent_run_id).toBe(runs[0]!.id);
    expect(result.resumed.fromRunId).toBe(runs[0]!.id);
    // Nothing is left beside the output.
    expect(readdirSync(tmp.dir).filter((f) => f.includes('killed.csv.'))).toEqual([]);
  }, 240_000);

  it('Ctrl-C keeps the partial; --resume finishes it byte-identical, linked to the cancelled run', async () => {
    const output = join(tmp.dir, 'stopped.csv');
    const history = join(tmp.dir, 'stopped.sqlite');
    const cli = startCli(scoreArgs(output, history));
    await untilHalfWay(output);
    cli.child.kill('SIGINT');
    const stopped = await cli.done;
    expect(stopped.code).toBe(130);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(join(tmp.dir, '.stopped.csv.partial-resume'))).toBe(true);

    const resumed = await runCli([...scoreArgs(output, history), '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/resumed run #1: its first [\d,]+ rows were kept/);
    expect(readFileSync(output).equals(expected)).toBe(true);
    const runs = runsOf(history);
    expect(runs.map((r) => [r.status, r.parent_run_id])).toEqual([
      ['cancelled', null],
      ['succeeded', 1],
    ]);
  }, 240_000);

  it('a changed input refuses the resume, naming it; without --resume the run starts over', async () => {
    const data = join(tmp.dir, 'changing.csv');
    await writeDemoRows(data, ROWS);
    const output = join(tmp.dir, 'changed.csv');
    const history = join(tmp.dir, 'changed.sqlite');
    const cli = startCli(scoreArgs(output, history, data));
    await untilHalfWay(output);
    cli.child.kill('SIGINT');
    expect((await cli.done).code).toBe(130);

    appendFileSync(data, readFileSync(data, 'utf8').split('\n')[1]! + '\n');
    const refused = await runCli([...scoreArgs(output, history, data), '--resume']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot resume run #1: the input .*changing\.csv changed/);
    expect(existsSync(output)).toBe(false);

    const fresh = await runCli(scoreArgs(output, history, data));
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).toMatch(/discarded the partial output of interrupted run #1/);
    expect(readFileSync(output, 'utf8').trimEnd().split('\n')).toHaveLength(ROWS + 2);
  }, 240_000);

  it('--resume with nothing to resume starts from the first row, with a note; Parquet is refused', async () => {
    const output = join(tmp.dir, 'fresh.csv');
    const history = join(tmp.dir, 'fresh.sqlite');
    const small = join(DEMO, 'breast_cancer.csv');
    const r = await runCli([...scoreArgs(output, history, small), '--resume']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/nothing to resume for this output: started from the first row/);
    const pq = await runCli([...scoreArgs(join(tmp.dir, 'x.parquet'), history, small), '--resume']);
    expect(pq.code).toBe(1);
    expect(pq.stderr).toMatch(/--resume cannot continue a Parquet output/);
  }, 120_000);
});
