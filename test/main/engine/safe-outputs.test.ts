/**
 * Safe outputs through the engine's handlers (what the HTTP bridge and the app call): a job never
 * writes over what it reads or owns, even through a symlink or a `./..` detour, and an existing
 * output is replaced only on request, atomically.
 */
import { cpSync, existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallInput, type CallInput, type CallName, type JobFinished } from '../../../contract/contract';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { DEMO } from '../../support/demo-data';
import { leakedInternals, MessageLog } from '../../support/user-errors';

let t: TestEngine;
let demo: string;
let spec: string;
let data: string;
const log = new MessageLog();

beforeAll(async () => {
  t = await startTestEngine();
  // A copy of the demo: a guard that failed must not destroy the repository's files.
  demo = join(t.dir, 'demo');
  cpSync(DEMO, demo, { recursive: true });
  spec = join(demo, 'demo.ensemble.json');
  data = join(demo, 'breast_cancer.csv');
});
afterAll(async () => {
  expect(leakedInternals(log.messages)).toEqual([]);
  await t.close();
});

async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<unknown> {
  const handler = t.engine.handlers[name] as (i: unknown) => Promise<unknown>;
  return handler(parseCallInput(name, input));
}

/** Calls a job handler; a refusal before the job starts is returned as its message. */
async function refusal<K extends CallName>(name: K, input: CallInput<K>): Promise<string> {
  try {
    await call(name, input);
  } catch (error) {
    const message = (error as Error).message;
    log.add(message);
    return message;
  }
  throw new Error(`${name} was not refused`);
}

async function finish<K extends CallName>(name: K, input: CallInput<K>): Promise<JobFinished> {
  const started = (await call(name, input)) as { jobId: string };
  const finished = await t.engine.waitForJob(started.jobId);
  log.add(finished.error?.message);
  return finished;
}

function score(output: string, extra: Partial<CallInput<'jobs.score'>> = {}): CallInput<'jobs.score'> {
  return { ensemble: { specPath: spec }, input: data, output, ...extra };
}

describe('an output that is one of the job own files', () => {
  it('score --output = --input is refused, directly, via ./.. and via a symlink; the input is unchanged', async () => {
    const before = readFileSync(data);
    expect(await refusal('jobs.score', score(data, { overwrite: true }))).toMatch(
      /The output .*breast_cancer\.csv is the input data file .*breast_cancer\.csv: choose another output file/,
    );
    const detour = join(demo, 'models', '..', '.', 'breast_cancer.csv');
    expect(await refusal('jobs.score', score(detour, { overwrite: true }))).toMatch(/is the input data file/);
    const link = join(t.dir, 'link.csv');
    symlinkSync(data, link);
    expect(await refusal('jobs.score', score(link, { overwrite: true }))).toMatch(/is the input data file/);
    // The input reached through a symlinked folder.
    const linkedDir = join(t.dir, 'linked-demo');
    symlinkSync(demo, linkedDir);
    expect(
      await refusal('jobs.score', score(join(linkedDir, 'breast_cancer.csv'), { overwrite: true })),
    ).toMatch(/is the input data file/);
    expect(readFileSync(data)).toEqual(before);
  });

  it('the spec, a member model and the history database are refused', async () => {
    const specBefore = readFileSync(spec);
    expect(
      await refusal('jobs.optimize', {
        ensemble: { specPath: spec },
        input: data,
        label: 'diagnosis',
        method: 'greedy',
        output: spec,
        overwrite: true,
      }),
    ).toMatch(/The output .*demo\.ensemble\.json is the ensemble spec .*demo\.ensemble\.json/);
    const model = join(demo, 'models', 'logreg.onnx');
    const modelBefore = readFileSync(model);
    expect(
      await refusal('jobs.export', { ensemble: { specPath: spec }, output: model, overwrite: true }),
    ).toMatch(/is the model of member "logreg"/);
    const history = t.engine.historyPath;
    expect(
      await refusal('jobs.evaluate', {
        ensemble: { specPath: spec },
        input: data,
        label: 'diagnosis',
        report: history,
        overwrite: true,
      }),
    ).toMatch(/The report .* is the history database/);
    expect(
      await refusal('ensembles.save', {
        path: history,
        spec: JSON.parse(specBefore.toString()) as CallInput<'ensembles.save'>['spec'],
        overwrite: true,
      }),
    ).toMatch(/is the history database/);
    expect(readFileSync(spec)).toEqual(specBefore);
    expect(readFileSync(model)).toEqual(modelBefore);
    // The history still opens and lists.
    expect(Array.isArray(await call('history.list', {}))).toBe(true);
  });

  it('optimize --report equal to its --output is refused, naming both', async () => {
    const out = join(t.dir, 'same.json');
    expect(
      await refusal('jobs.optimize', {
        ensemble: { specPath: spec },
        input: data,
        label: 'diagnosis',
        method: 'greedy',
        output: out,
        report: join(t.dir, '.', 'same.json'),
      }),
    ).toMatch(/The report .*same\.json is the same file as the output .*same\.json/);
    expect(existsSync(out)).toBe(false);
  });

  it("another running job's output is refused", async () => {
    const out = join(t.dir, 'busy.csv');
    const started = (await call('jobs.score', score(out))) as { jobId: string };
    try {
      const other = join(demo, 'breast_cancer_holdout.csv');
      expect(
        await refusal('jobs.score', { ensemble: { specPath: spec }, input: other, output: out }),
      ).toMatch(/another running job's output/);
    } finally {
      await t.engine.waitForJob(started.jobId);
    }
  });
});

describe('an existing output', () => {
  it('is refused without overwrite and left unchanged; with overwrite it is replaced, leaving no temp file', async () => {
    const out = join(t.dir, 'existing.csv');
    writeFileSync(out, 'keep me\n');
    expect(await refusal('jobs.score', score(out))).toMatch(
      /The output .*existing\.csv already exists: pass --overwrite to replace it/,
    );
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');

    const finished = await finish('jobs.score', score(out, { overwrite: true }));
    expect(finished.status).toBe('succeeded');
    expect(readFileSync(out, 'utf8')).toMatch(/^prediction,proba_0,proba_1/);
    expect(readdirSync(t.dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('ensembles.save is refused without overwrite and replaces the file with it', async () => {
    const target = join(t.dir, 'saved.ensemble.json');
    writeFileSync(target, '{}\n');
    const parsed = JSON.parse(readFileSync(spec, 'utf8')) as CallInput<'ensembles.save'>['spec'];
    expect(await refusal('ensembles.save', { path: target, spec: parsed })).toMatch(/already exists/);
    expect(readFileSync(target, 'utf8')).toBe('{}\n');
    await call('ensembles.save', { path: target, spec: parsed, overwrite: true });
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ name: 'breast cancer blend' });
  });
});

describe('weights, for an in-memory spec and for a spec file', () => {
  it('a negative weight is refused naming the member, by the contract and by ensembles.load', async () => {
    const parsed = JSON.parse(readFileSync(spec, 'utf8')) as { members: { weight?: number }[] };
    parsed.members[1]!.weight = -2;
    const inMemory = () =>
      parseCallInput('jobs.score', {
        ensemble: { spec: parsed as never, baseDir: demo },
        input: data,
        output: join(t.dir, 'never.csv'),
      });
    expect(inMemory).toThrow(/member "forest": the weight must be a finite number ≥ 0 \(got -2\)/);
    const file = join(t.dir, 'negative.ensemble.json');
    writeFileSync(file, JSON.stringify(parsed));
    expect(await refusal('ensembles.load', { path: file })).toMatch(
      /negative\.ensemble\.json: member "forest": the weight must be a finite number ≥ 0 \(got -2\)$/,
    );
  });
});

describe('the output hash the history records', () => {
  it.each(['csv', 'jsonl', 'parquet'])(
    'is the sha256 of the file in place (%s; a text output is hashed by its writer as it goes)',
    async (ext) => {
      const output = join(t.dir, `hashed.${ext}`);
      const finished = await finish('jobs.score', score(output));
      expect(finished.status).toBe('succeeded');
      const recorded = finished.result!.outputSha256;
      expect(recorded).toBe(createHash('sha256').update(readFileSync(output)).digest('hex'));
      const detail = (await call('history.show', { id: finished.runId })) as { outputSha256: string | null };
      expect(detail.outputSha256).toBe(recorded);
    },
  );
});
