/**
 * The scoring corpus (test/corpus/scoring): real models shaped like scikit-learn converter
 * output, tree ensembles and PyTorch exports, scored through the engine with real ONNX Runtime,
 * and compared with what scikit-learn's VotingClassifier / VotingRegressor computed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../../support/run-cli';
import { readOutputColumns } from '../../support/read-output';
import { runJob, startTestEngine, type TestEngine } from '../../support/engine';

const CORPUS = join(REPO, 'test', 'corpus', 'scoring');

interface Expected {
  spec: string;
  data: string;
  rows: number;
  classes?: string[];
  tolerance: { proba?: number; relative?: number };
  output: Record<string, (string | number)[]>;
}

/** Every (spec, expected) pair in the corpus: ensemble.json ↔ expected.json, X.ensemble.json ↔ X.expected.json. */
function corpusCases(): { name: string; dir: string; expected: Expected }[] {
  const cases = [];
  for (const folder of readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)) {
    const dir = join(CORPUS, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('expected.json'))) {
      const expected = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Expected;
      cases.push({ name: `${folder}/${expected.spec}`, dir, expected });
    }
  }
  return cases;
}

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => t.close());

describe('scoring corpus', () => {
  const cases = corpusCases();
  it('has the cases the issue asks for', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  for (const c of cases) {
    it(`${c.name} matches scikit-learn`, async () => {
      const output = join(t.dir, `${c.name.replace(/[/.]/g, '_')}.csv`);
      const finished = await runJob(t.engine, 'jobs.score', {
        ensemble: { specPath: join(c.dir, c.expected.spec) },
        input: join(c.dir, c.expected.data),
        output,
        members: true,
      });
      expect(finished.error).toBeUndefined();
      expect(finished.status).toBe('succeeded');
      const got = await readOutputColumns(output);
      const expectedColumns = Object.keys(c.expected.output);
      // The ensemble's columns come first, in DESIGN.md's order, then each member's.
      expect([...got.keys()]).toEqual(expectedColumns);
      for (const [column, values] of Object.entries(c.expected.output)) {
        const actual = got.get(column)!;
        expect(actual).toHaveLength(c.expected.rows);
        if (column.endsWith('prediction') && c.expected.classes) {
          expect(actual, column).toEqual(values.map(String));
          continue;
        }
        const tolerance = c.expected.tolerance;
        let worst = 0;
        values.forEach((v, i) => {
          const a = Number(actual[i]);
          const e = Number(v);
          const diff = tolerance.relative ? Math.abs(a - e) / Math.max(1e-12, Math.abs(e)) : Math.abs(a - e);
          worst = Math.max(worst, diff);
        });
        expect(worst, `${column}: worst difference`).toBeLessThanOrEqual(
          tolerance.relative ?? tolerance.proba ?? 1e-5,
        );
      }
    });
  }
});

describe('the same ensemble over Parquet and JSON Lines input', () => {
  it('gives the same output as over CSV', async () => {
    const dir = join(CORPUS, 'binary-soft-int');
    const csv = join(dir, 'data.csv');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const parquet = join(t.dir, 'data.parquet');
    const jsonl = join(t.dir, 'data.jsonl');
    await con.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    await con.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${jsonl}' (FORMAT json)`);
    con.closeSync();
    const outputs: Map<string, string[]>[] = [];
    for (const input of [csv, parquet, jsonl]) {
      const output = join(t.dir, `${input.split('.').pop()}.out.csv`);
      const finished = await runJob(t.engine, 'jobs.score', {
        ensemble: { specPath: join(dir, 'ensemble.json') },
        input,
        output,
      });
      expect(finished.status, finished.error?.message).toBe('succeeded');
      expect(existsSync(output)).toBe(true);
      outputs.push(await readOutputColumns(output));
    }
    const [fromCsv, fromParquet, fromJsonl] = outputs;
    for (const [name, values] of fromCsv!) {
      const close = (other: string[]) =>
        Math.max(...values.map((v, i) => (v === other[i] ? 0 : Math.abs(Number(v) - Number(other[i])))));
      expect(close(fromParquet!.get(name)!), `parquet ${name}`).toBeLessThan(1e-6);
      expect(close(fromJsonl!.get(name)!), `jsonl ${name}`).toBeLessThan(1e-6);
    }
  });
});
