/**
 * The command line's contract for bad input, Ctrl-C and crashes, run as real processes:
 * exit codes, one line on stderr naming file and line, nothing at the output path, and a history
 * that says what happened.
 */
import { existsSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { runCli, startCli } from '../../support/run-cli';
import { DEMO, writeDemoRows } from '../../support/demo-data';
import { integrityCheck, readRuns } from '../../support/history-db';

const SPEC = join(DEMO, 'demo.ensemble.json');
let tmp: ReturnType<typeof makeTempDir>;
let bigCsv: string;

beforeAll(async () => {
  tmp = makeTempDir('es-cli-');
  bigCsv = join(tmp.dir, 'big.csv');
  await writeDemoRows(bigCsv, 300_000);
});
afterAll(() => tmp.cleanup());

/** The demo data with one line replaced by `bad` (line numbers are 1-based, header = line 1). */
function demoWithBadLine(name: string, line: number, edit: (original: string) => string): string {
  const lines = readFileSync(join(DEMO, 'breast_cancer.csv'), 'utf8').split('\n');
  lines[line - 1] = edit(lines[line - 1]!);
  const path = join(tmp.dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

function outputLeftovers(dir: string, base: string): string[] {
  return readdirSync(dir).filter((f) => f.includes(base));
}

describe('score with bad input', () => {
  const cases = [
    { name: 'ragged.csv', line: 7, edit: (l: string) => l.split(',').slice(0, 20).join(','), what: /line 7/ },
    {
      name: 'text.csv',
      line: 12,
      edit: (l: string) => l.replace(/^[^,]+/, 'abc'),
      what: /line 12.*mean radius|mean radius.*line 12/,
    },
    { name: 'quote.csv', line: 9, edit: (l: string) => l.replace(/,/, ',"17.5'), what: /line 9/ },
  ];
  for (const c of cases) {
    it(`${c.name}: exit 1, one line naming file and line, no output, run failed`, async () => {
      const input = demoWithBadLine(c.name, c.line, c.edit);
      const history = join(tmp.dir, `${c.name}.sqlite`);
      const output = join(tmp.dir, `${c.name}.out.csv`);
      const r = await runCli([
        'score',
        '--ensemble',
        SPEC,
        '--input',
        input,
        '--output',
        output,
        '--history',
        history,
      ]);
      expect(r.code).toBe(1);
      const lines = r.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('warning'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(c.name);
      expect(lines[0]).toMatch(c.what);
      expect(existsSync(output)).toBe(false);
      expect(outputLeftovers(tmp.dir, `${c.name}.out`)).toEqual([]);
      const runs = readRuns(history);
      expect(runs.at(-1)?.status).toBe('failed');
      expect(runs.at(-1)?.error_json).toContain(c.name);
    });
  }
});

describe('score interrupted', () => {
  it('Ctrl-C: exit 130 within a second, nothing at the output path, run cancelled', async () => {
    const { history, output, child, done } = await startLongScore('sigint');
    const sentAt = performance.now();
    child.kill('SIGINT');
    const r = await done;
    const elapsed = performance.now() - sentAt;
    expect(r.code).toBe(130);
    expect(elapsed).toBeLessThan(1000);
    expect(existsSync(output)).toBe(false);
    await new Promise((res) => setTimeout(res, 200));
    // Only the resumable partial and its checkpoint stay, for `score --resume` (docs/SCALE-OUT.md).
    expect(outputLeftovers(tmp.dir, 'sigint.out').filter((f) => !f.includes('.partial-resume'))).toEqual([]);
    expect(readRuns(history).at(-1)?.status).toBe('cancelled');
  });

  it('kill -9: the next command marks the run interrupted and the database is intact', async () => {
    const { history, output, child, done } = await startLongScore('kill');
    child.kill('SIGKILL');
    await done;
    expect(readRuns(history).at(-1)?.status).toBe('running');
    const list = await runCli(['history', 'list', '--json', '--history', history]);
    expect(list.code).toBe(0);
    const runs = JSON.parse(list.stdout) as { status: string }[];
    expect(runs[0]?.status).toBe('interrupted');
    expect(integrityCheck(history)).toBe('ok');
    expect(existsSync(output)).toBe(false);
  });
});

describe('usage', () => {
  it('a missing option is exit 2 with a usage hint', async () => {
    const r = await runCli(['score', '--ensemble', SPEC, '--history', join(tmp.dir, 'usage.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--input is required/);
  });
  it('an unknown command is exit 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
  });
});

/** A score of the large file, started and seen `running` in its history for a moment. */
async function startLongScore(name: string) {
  const history = join(tmp.dir, `${name}.sqlite`);
  const output = join(tmp.dir, `${name}.out.csv`);
  const run = startCli([
    'score',
    '--ensemble',
    SPEC,
    '--input',
    bigCsv,
    '--output',
    output,
    '--history',
    history,
  ]);
  await waitForRunning(history);
  await new Promise((r) => setTimeout(r, 300));
  return { history, output, ...run };
}

async function waitForRunning(history: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (existsSync(history)) {
      try {
        if (readRuns(history).some((r) => r.status === 'running')) return;
      } catch {
        // the database is being created
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the run never started');
}
