/**
 * `kill -9` of the command line in the middle of a Parquet write: the engine host notices its
 * parent is gone even while it is busy scoring, and the next command removes the output's temp
 * file the dead run left.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { runCli, startCli } from '../../support/run-cli';
import { DEMO, writeDemoRows } from '../../support/demo-data';
import { readRuns } from '../../support/history-db';
import { leakedInternals } from '../../support/user-errors';

let tmp: ReturnType<typeof makeTempDir>;
let input: string;

beforeAll(async () => {
  tmp = makeTempDir('es-cli-kill-');
  input = join(tmp.dir, 'big.csv');
  await writeDemoRows(input, 400_000);
});
afterAll(() => tmp.cleanup());

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (exited, not yet reaped) has finished burning CPU.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function until<T>(
  what: string,
  probe: () => T | null | undefined | false,
  limitMs = 60_000,
): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(process.platform === 'linux')('kill -9 of the CLI during a Parquet write', () => {
  it('ends the busy host, and the next command leaves nothing but what was there before', async () => {
    const history = join(tmp.dir, 'history.sqlite');
    const output = join(tmp.dir, 'scored.parquet');
    const before = readdirSync(tmp.dir)
      .filter((f) => !f.startsWith('history.sqlite'))
      .sort();
    const cli = startCli([
      'score',
      '--ensemble',
      join(DEMO, 'demo.ensemble.json'),
      '--input',
      input,
      '--output',
      output,
      '--keep-all',
      '--chunk-rows',
      '20000',
      '--history',
      history,
    ]);
    const cliPid = cli.child.pid!;
    // The host has started writing: its temp files are there.
    await until('the Parquet output being written', () =>
      readdirSync(tmp.dir).some((f) => f.startsWith('.scored.parquet.partial-')),
    );
    const [hostPid] = await until('the engine host', () => {
      const children = childrenOf(cliPid);
      return children.length > 0 ? children : null;
    });
    cli.child.kill('SIGKILL');
    await cli.done;

    await until('the orphaned host to end', () => !alive(hostPid!), 15_000);
    expect(alive(hostPid!)).toBe(false);

    const next = await runCli(['history', 'list', '--json', '--history', history]);
    expect(next.code).toBe(0);
    const after = readdirSync(tmp.dir)
      .filter((f) => !f.startsWith('history.sqlite'))
      .sort();
    expect(after).toEqual(before);
    expect(existsSync(output)).toBe(false);
    const runs = readRuns(history);
    expect(runs.at(-1)?.status).toBe('interrupted');
    expect(leakedInternals([next.stderr])).toEqual([]);
  });
});
