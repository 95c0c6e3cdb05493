/**
 * The migrate job in the engine host, on the demo ensemble: each fused variant's reported figures
 * are reproduced by its file under plain onnxruntime-node, the members' artifact moves as one
 * folder, and when nothing can run only migration.json is written.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import type { HostMigrateResult, MigrationManifest } from '../../../contract/migration-types';
import type { JobContext } from '../../../main/jobs/job-context';
import type { MigrateJobRequest } from '../../../main/jobs/kinds/migrate';
import { defaultThreadCounts, runMigrateJob } from '../../../main/jobs/migrate-job';
import { writeArtifact } from '../../../main/migrate/artifact';
import { buildRepresentations } from '../../../main/migrate/representations';
import { loadModels, modelInfos } from '../../../main/jobs/load-members';
import { resolveEnsemble } from '../../../main/ensemble/resolve';
import { openDataset } from '../../../main/data/open-dataset';
import { featureColumns } from '../../../main/jobs/read-plan';
import { DEMO } from '../../support/demo-data';
import { makeTempDir } from '../../support/temp-dir';
import { agreementOf, readCsvColumns, runFusedFile, writeDemoSample } from './migrate-fixtures';

const ROWS = 200;
const spec = JSON.parse(readFileSync(join(DEMO, 'demo.ensemble.json'), 'utf8')) as EnsembleSpec;
let tmp: ReturnType<typeof makeTempDir>;
let sample: string;
let result: HostMigrateResult;
const progress: number[] = [];

function request(output: string, extra: Partial<MigrateJobRequest> = {}): MigrateJobRequest {
  return {
    kind: 'migrate',
    spec,
    baseDir: DEMO,
    input: sample,
    provider: 'cpu',
    overwrite: false,
    label: 'diagnosis',
    budgetAgreement: 0.999,
    budgetMetric: 0.002,
    outputDir: output,
    migrateThreads: [1, 2],
    sampleRows: ROWS,
    ...extra,
  };
}

function context(): JobContext {
  return {
    jobId: 'm1',
    signal: new AbortController().signal,
    progress: (p) => progress.push(p.rowsDone),
  };
}

beforeAll(async () => {
  tmp = makeTempDir('es-migrate-job-');
  sample = join(tmp.dir, 'sample.csv');
  writeDemoSample(sample, 400);
  result = await runMigrateJob(request(join(tmp.dir, 'out')), context());
}, 120_000);
afterAll(() => tmp.cleanup());

describe('migrate job', () => {
  it('measures the first sampleRows rows, every representation on each provider and thread count, with progress', () => {
    expect(result.rows).toBe(ROWS);
    const providers = [...new Set(result.candidates.map((c) => c.provider))];
    expect(result.candidates).toHaveLength(4 * providers.length * 2);
    expect(progress.at(-1)).toBe(result.candidates.length);
    // The members on cpu with the app's own thread count are the reference itself.
    const members = result.candidates.find((c) => c.representation === 'members' && c.threads === 1)!;
    expect(members).toMatchObject({
      ok: true,
      maxDiff: 0,
      agreement: 1,
      metricChange: 0,
      withinBudget: true,
    });
    // Sizes: the members' files together; the fused variants' files.
    expect(members.sizeBytes).toBe(
      readdirSync(join(DEMO, 'models')).reduce((n, f) => n + readFileSync(join(DEMO, 'models', f)).length, 0),
    );
    expect(result.metrics.find((m) => m.scope === 'recommended' && m.name === 'rows_per_sec')?.value).toBe(
      result.rowsPerSec,
    );
  });

  it("reports each fused variant's figures as its file reproduces them under plain onnxruntime-node", async () => {
    const models = await loadModels(spec, DEMO);
    const reader = await openDataset(sample);
    const resolved = resolveEnsemble(
      spec,
      modelInfos(models),
      featureColumns(reader.info.columns, 'diagnosis'),
    );
    await reader.close();
    const reps = await buildRepresentations(resolved, models);
    const columns = readCsvColumns(sample);
    for (const c of columns.values()) c.splice(ROWS);
    // The reference as the app scored it: the members on cpu, single-threaded, from the report.
    const members = await runFusedFile(await fusedFile(reps, 'fused'), columns, 1);
    for (const name of ['fused', 'fused-float16', 'fused-int8'] as const) {
      const file = await fusedFile(reps, name);
      for (const threads of [1, 2]) {
        const reported = result.candidates.find(
          (c) => c.representation === name && c.provider === 'cpu' && c.threads === threads,
        )!;
        const run = await runFusedFile(file, columns, threads);
        const vsFused = agreementOf(members, run);
        // The fused model on one thread matches the app to float32 rounding; the figures agree with it.
        expect(Math.abs(vsFused.maxDiff - reported.maxDiff!)).toBeLessThan(2e-6);
        expect(reported.agreement).toBe(vsFused.agreement);
        expect(reported.sizeBytes).toBe(readFileSync(file).length);
      }
    }
  }, 60_000);

  it('writes the recommended artifact and migration.json into the folder, nothing else anywhere', () => {
    const out = join(tmp.dir, 'out');
    const manifest = JSON.parse(readFileSync(join(out, 'migration.json'), 'utf8')) as MigrationManifest;
    expect(manifest.format).toBe('ensemble-studio/migration@1');
    expect(manifest.recommendation).toEqual(result.recommendation);
    const names = readdirSync(out).sort();
    const expected = [...manifest.artifact!.files.map((f) => f.path.split('/')[0]!), 'migration.json'];
    expect(names).toEqual([...new Set(expected)].sort());
    expect(result.written.at(-1)).toBe(join(out, 'migration.json'));
    expect(readdirSync(tmp.dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('moves the members as one folder: the spec with its models copied beside it, paths relative', async () => {
    const dir = join(tmp.dir, 'members-artifact');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    const artifact = await writeArtifact(dir, { representation: 'members', spec, baseDir: DEMO });
    const copied = JSON.parse(readFileSync(join(dir, artifact.entry), 'utf8')) as EnsembleSpec;
    expect(copied.members.map((m) => m.model)).toEqual(spec.members.map((m) => `models/${m.name}.onnx`));
    for (const m of spec.members)
      expect(readFileSync(join(dir, 'models', `${m.name}.onnx`))).toEqual(readFileSync(join(DEMO, m.model)));
    expect(artifact.files.map((f) => f.path).at(-1)).toBe(artifact.entry);
  });

  it('with nothing that can run, recommends nothing and writes only migration.json, saying why', async () => {
    const out = join(tmp.dir, 'none');
    const none = await runMigrateJob(
      request(out, { migrateProviders: ['coreml'], migrateThreads: [1] }),
      context(),
    );
    expect(none.candidates).toEqual([]);
    expect(none.recommendation).toBeNull();
    expect(none.absentProviders.find((a) => a.provider === 'coreml')?.reason).toMatch(/coreml/);
    expect(none.warnings.join(' ')).toMatch(/no combination meets the budgets/);
    expect(readdirSync(out)).toEqual(['migration.json']);
  }, 60_000);

  it('refuses a folder that is not empty unless asked to replace it, and then replaces it whole', async () => {
    const out = join(tmp.dir, 'out');
    await expect(runMigrateJob(request(out, { migrateThreads: [1] }), context())).rejects.toThrow(
      /already exists and is not empty/,
    );
    expect(existsSync(join(out, 'migration.json'))).toBe(true);
    const again = await runMigrateJob(
      request(out, { migrateThreads: [1], migrateProviders: ['cpu'], overwrite: true }),
      context(),
    );
    const manifest = JSON.parse(readFileSync(join(out, 'migration.json'), 'utf8')) as MigrationManifest;
    expect(manifest.candidates).toEqual(again.candidates);
    expect(readdirSync(tmp.dir).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('stops when cancelled, leaving no folder and no staged files', async () => {
    const controller = new AbortController();
    const out = join(tmp.dir, 'cancelled');
    const run = runMigrateJob(request(out), {
      jobId: 'm2',
      signal: controller.signal,
      progress: (p) => {
        if (p.phase === 'scoring' && p.rowsDone === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp.dir).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('tries 1 and each power of two up to the cores, and the cores', () => {
    expect(defaultThreadCounts(1)).toEqual([1]);
    expect(defaultThreadCounts(2)).toEqual([1, 2]);
    expect(defaultThreadCounts(6)).toEqual([1, 2, 4, 6]);
    expect(defaultThreadCounts(8)).toEqual([1, 2, 4, 8]);
  });
});

async function fusedFile(
  reps: Awaited<ReturnType<typeof buildRepresentations>>,
  name: 'fused' | 'fused-float16' | 'fused-int8',
): Promise<string> {
  const rep = reps.list.find((r) => r.name === name)!;
  if (rep.error !== null || !('bytes' in rep)) throw new Error(`${name}: ${rep.error}`);
  const { writeFileSync } = await import('node:fs');
  const file = join(tmp.dir, `${name}.onnx`);
  writeFileSync(file, rep.bytes);
  return file;
}
