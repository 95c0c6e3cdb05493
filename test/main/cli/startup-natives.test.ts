/**
 * Commands that read no data and run no model start fast: `history list` loads SQLite's native
 * library and neither DuckDB nor ONNX Runtime (each adds a large shared library to the start).
 * A static import of a data or model module from the engine or the CLI breaks this.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, REPO } from '../../support/run-cli';
import { makeTempDir } from '../../support/temp-dir';

const tmp = makeTempDir('es-natives-');
afterAll(() => tmp.cleanup());

function nativesOf(args: string[]): string[] {
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      join(REPO, 'test', 'support', 'native-log.cjs'),
      CLI,
      '--history',
      join(tmp.dir, 'h.sqlite'),
      ...args,
    ],
    { encoding: 'utf8' },
  );
  expect(run.status).toBe(0);
  return run.stderr
    .split('\n')
    .filter((line) => line.startsWith('native: '))
    .map((line) => line.slice('native: '.length).split('/').pop()!);
}

describe('what a command loads at start', () => {
  it('history list: SQLite only', () => {
    expect(nativesOf(['history', 'list'])).toEqual(['better_sqlite3.node']);
  });
});
