/**
 * The output appears only together with the run's success record: when the history stays locked
 * by another program as a job finishes, the command fails and leaves nothing at the output path.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { startCli } from '../../support/run-cli';
import { DEMO } from '../../support/demo-data';
import { leakedInternals } from '../../support/user-errors';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => (tmp = makeTempDir('es-cli-locked-')));
afterAll(() => tmp.cleanup());

describe('a history locked while the job finishes', () => {
  it('exit 1 with a plain message, and no output or temp file at the output path', async () => {
    const history = join(tmp.dir, 'history.sqlite');
    const output = join(tmp.dir, 'scored.csv');
    const cli = startCli([
      'score',
      '--ensemble',
      join(DEMO, 'demo.ensemble.json'),
      '--input',
      join(DEMO, 'breast_cancer.csv'),
      '--output',
      output,
      '--history',
      history,
    ]);
    let exited = false;
    void cli.done.then(() => (exited = true));
    // Once the run is recorded as running, another program takes the write lock and keeps it.
    let locker: Database.Database | null = null;
    while (!exited && !locker) {
      if (existsSync(history)) {
        const db = new Database(history, { timeout: 10_000 });
        // Before the schema exists (the CLI is still creating it) there is nothing to look at.
        const hasRuns = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'runs'`).get() as unknown;
        const running =
          hasRuns && (db.prepare(`SELECT 1 FROM runs WHERE status = 'running'`).get() as unknown);
        if (running) {
          db.prepare('BEGIN IMMEDIATE').run();
          locker = db;
          break;
        }
        db.close();
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(locker).not.toBeNull();
    const r = await cli.done;
    locker!.prepare('ROLLBACK').run();
    locker!.close();

    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/history .* stayed locked by another program .* its output was not kept/);
    expect(leakedInternals([r.stderr])).toEqual([]);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('scored'))).toEqual([]);
  }, 60_000);
});
