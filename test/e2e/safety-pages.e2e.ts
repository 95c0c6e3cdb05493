/**
 * The pages an analyst trusts for what happened and what to ship, in a real browser against the
 * real engine: History shows the ensemble version each run used, filters on what it shows, says how
 * far a cancelled run got and dates every run unambiguously; Data catches bad files at preview
 * with their lines; Evaluate warns about in-sample numbers and asks before replacing a file;
 * Export's derived file names follow the subject and variant; the benchmark says which sample it
 * used. Screenshots of each state go to test-results/e2e/.
 */
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeDemoRows } from '../support/demo-data';
import { DEMO_DIR, startStudio, type Studio } from './harness';

let studio: Studio;
let page: Page;
let specA: string;
let specB: string;
const HOLDOUT = join(DEMO_DIR, 'breast_cancer_holdout.csv');
const ISO = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

async function go(name: string) {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The demo spec with absolute model paths, saved in the test folder (outputs derive there). */
function writeSpec(path: string, logregWeight: number): void {
  const spec = JSON.parse(readFileSync(join(DEMO_DIR, 'demo.ensemble.json'), 'utf8')) as {
    members: { name: string; model: string; weight?: number }[];
  };
  for (const m of spec.members) {
    m.model = join(DEMO_DIR, m.model);
    if (m.name === 'logreg') m.weight = logregWeight;
  }
  writeFileSync(path, JSON.stringify(spec, null, 2));
}

async function score(specPath: string, input: string, output: string) {
  const started = await studio.engine.handlers['jobs.score']({
    ensemble: { specPath },
    input,
    output,
    keep: [],
    keepAll: false,
    members: false,
    provider: 'cpu',
    ignoreUnknownLabels: false,
    overwrite: false,
    escapeFormulas: true,
    uncertainty: false,
    resume: false,
  });
  return studio.engine.waitForJob(started.jobId);
}

/** A score run cancelled once it has scored some rows. */
async function cancelledRun() {
  const big = join(studio.dir, 'patients_400k.csv');
  await writeDemoRows(big, 400_000);
  const started = await studio.engine.handlers['jobs.score']({
    ensemble: { specPath: specA },
    input: big,
    output: join(studio.dir, 'cancelled.csv'),
    keep: [],
    keepAll: false,
    members: false,
    provider: 'cpu',
    ignoreUnknownLabels: false,
    overwrite: false,
    escapeFormulas: true,
    uncertainty: false,
    resume: false,
  });
  await new Promise<void>((resolve) => {
    const off = studio.engine.on('job.progress', (p) => {
      if (p.jobId === started.jobId && p.rowsDone > 0) {
        off();
        resolve();
      }
    });
  });
  await studio.engine.handlers['jobs.cancel']({ jobId: started.jobId });
  return studio.engine.waitForJob(started.jobId);
}

beforeAll(async () => {
  studio = await startStudio();
  page = studio.page;
  page.setDefaultTimeout(60_000);
  // Two different specs with one name: the history must tell them apart by version.
  specA = join(studio.dir, 'blend-a.ensemble.json');
  specB = join(studio.dir, 'blend-b.ensemble.json');
  writeSpec(specA, 2);
  writeSpec(specB, 3);
  copyFileSync(HOLDOUT, join(studio.dir, 'holdout copy.csv'));
  await score(specA, HOLDOUT, join(studio.dir, 'a.csv'));
  await score(specB, join(studio.dir, 'holdout copy.csv'), join(studio.dir, 'b.csv'));
  await cancelledRun();
}, 240_000);

afterAll(async () => {
  await studio?.close();
});

describe('History, Data, Evaluate and Export pages keep the analyst safe', () => {
  it('History: versions per spec, substring filters, a cancelled run in words, ISO dates', async () => {
    await go('History');
    const rows = page.locator('.runs-table tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const ensembles = await page.locator('.runs-table tbody tr td:nth-child(6)').allTextContents();
    expect(new Set(ensembles)).toEqual(new Set(['breast cancer blend v1', 'breast cancer blend v2']));
    for (const d of await page.locator('.runs-table tbody tr td:nth-child(5)').allTextContents()) {
      expect(d).toMatch(ISO);
    }
    const cancelled = page.locator('.runs-table .badge-cancelled');
    await expect(cancelled.count()).resolves.toBe(1);
    await expect(cancelled.textContent()).resolves.toMatch(/^Cancelled after [\d,]+ (of [\d,]+ )?rows$/);
    await expect(page.locator('.runs-table .badge-failed').count()).resolves.toBe(0);
    await studio.screenshot('safety-history');

    // Substrings, any case, on what the table shows.
    await page.getByLabel('Ensemble').fill('BLEND V2');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('breast cancer blend v2');
    await page.getByLabel('Ensemble').fill('');
    await page.getByLabel('Dataset').fill('COPY');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('holdout copy.csv');
    await page.getByLabel('Dataset').fill('');
    await page.getByLabel('Any column').fill('cancelled AFTER');
    await expect.poll(() => rows.count()).toBe(1);
    await studio.screenshot('safety-history-filtered');
    await page.getByLabel('Any column').fill('');
    await expect.poll(() => rows.count()).toBe(3);

    // The detail says the same.
    await cancelled
      .locator('xpath=ancestor::tr')
      .getByRole('button', { name: /^#\d+$/ })
      .click();
    await expect(page.getByTestId('run-status').textContent()).resolves.toMatch(/^Cancelled after/);
    await expect(page.getByTestId('run-ensemble').textContent()).resolves.toMatch(/^breast cancer blend v1/);
  });

  it('Data: ragged rows with lines, a header-only file, NA spellings as missing', async () => {
    const ragged = join(studio.dir, 'ragged.csv');
    writeFileSync(ragged, 'a,b,c\n1,2,3\n4,5\n6,7,8\n');
    const headerOnly = join(studio.dir, 'header-only.csv');
    writeFileSync(headerOnly, 'a,b,c\n');
    const withNa = join(studio.dir, 'with-na.csv');
    writeFileSync(withNa, 'x,y\n1,NA\n2,n/a\n3,null\n4,NaN\n5,6.5\n');
    await go('Data');
    const open = async (path: string) => {
      await page.getByLabel('Data file').fill(path);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
    };

    await open(ragged);
    const problems = page.getByTestId('data-problems');
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toMatch(/Line 3/);
    await studio.screenshot('safety-data-ragged');

    await open(headerOnly);
    await expect(page.getByTestId('data-emptiness').textContent()).resolves.toMatch(
      /header \(3 columns\) and no data rows/,
    );
    await studio.screenshot('safety-data-header-only');

    await open(withNa);
    const y = page.getByTestId('columns-table').getByRole('row', { name: /^y / });
    await y.waitFor();
    const cells = await y.locator('td').allTextContents();
    expect(cells[0]).toBe('number');
    expect(cells[2]).toBe('4'); // missing: NA, n/a, null, NaN
    await expect(page.locator('.vtable .missing').count()).resolves.toBe(4);
    await expect(page.getByTestId('data-problems').count()).resolves.toBe(0);
    await studio.screenshot('safety-data-na');
  });

  it('Evaluate: asks before replacing the optimised spec, warns about in-sample results', async () => {
    await go('Ensemble');
    await page.getByLabel('Ensemble spec (*.ensemble.json)').fill(specA);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Opened / })
      .waitFor();

    await go('Evaluate');
    await page.getByLabel('Labelled data').fill(HOLDOUT);
    await page.getByLabel('Label column').fill('diagnosis');
    const out = page.getByLabel('Write the optimised spec to');
    // The derived path follows the method until it is edited.
    await expect(out.inputValue()).resolves.toBe(join(studio.dir, 'blend-a.greedy.ensemble.json'));
    await page.getByLabel('Stacking (logistic regression)').check();
    await expect(out.inputValue()).resolves.toBe(join(studio.dir, 'blend-a.stacking.ensemble.json'));
    await page.getByLabel('Greedy weights (Caruana)').check();
    const produced = join(studio.dir, 'blend-a.greedy.ensemble.json');

    await page.getByRole('button', { name: 'Optimise', exact: true }).click();
    await page.getByTestId('optimize-result').waitFor({ timeout: 90_000 });
    expect(existsSync(produced)).toBe(true);
    const before = statSync(produced).mtimeMs;
    const bytes = readFileSync(produced);

    // Again: the file exists, so the page asks, naming it; "Cancel" keeps it as it is.
    await page.getByRole('button', { name: 'Optimise', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Replace the existing file?' });
    await dialog.waitFor();
    await expect(dialog.getByTestId('existing-file').textContent()).resolves.toBe(produced);
    await studio.screenshot('safety-evaluate-replace');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(statSync(produced).mtimeMs).toBe(before);
    expect(readFileSync(produced).equals(bytes)).toBe(true);
    // Asked once more, "Replace" re-starts it with overwrite: a new run replaces the file.
    // The optimise job's heading says its run; the evaluate card has none yet.
    const runOf = async () =>
      (await page
        .getByText(/^· run #\d+$/)
        .last()
        .textContent()) ?? '';
    const firstRun = await runOf();
    await page.getByRole('button', { name: 'Optimise', exact: true }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await expect.poll(runOf, { timeout: 90_000 }).not.toBe(firstRun);
    await page.getByTestId('optimize-result').waitFor({ timeout: 90_000 });
    expect(existsSync(produced)).toBe(true);

    // Open what the optimisation wrote, and evaluate it on the file it was optimised on.
    await go('Ensemble');
    await page.getByLabel('Ensemble spec (*.ensemble.json)').fill(produced);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Opened / })
      .waitFor();
    await go('Evaluate');
    await page.getByTestId('in-sample-before').waitFor();
    await page.getByRole('button', { name: 'Evaluate ensemble' }).click();
    await page.getByTestId('metrics-table').waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('in-sample-warning').textContent()).resolves.toMatch(/In-sample/i);
    await expect(page.getByTestId('in-sample-label').textContent()).resolves.toBe('in-sample');
    await studio.screenshot('safety-evaluate-in-sample');
  });

  it('Export: derived paths follow the subject and variant until edited', async () => {
    await go('Export');
    const fused = page.getByLabel('Fused model file (.onnx)');
    await expect(fused.inputValue()).resolves.toMatch(/\.fused\.onnx$/);
    const variant = page.getByLabel('Variant file (.onnx)');
    await expect(variant.inputValue()).resolves.toMatch(/\.fused\.float16\.onnx$/);
    await page.getByLabel('int8 (MatMul/Gemm weights, per column)').check();
    await expect(variant.inputValue()).resolves.toMatch(/\.fused\.int8\.onnx$/);
    await page.getByLabel('Subject').selectOption('logreg');
    await expect(variant.inputValue()).resolves.toBe(join(studio.dir, 'logreg.int8.onnx'));
    await studio.screenshot('safety-export-derived');

    // Edited: it stays, but its variant word still follows the variant.
    const mine = join(studio.dir, 'mine.int8.onnx');
    await variant.fill(mine);
    await page.getByLabel('Subject').selectOption('mlp');
    await expect(variant.inputValue()).resolves.toBe(mine);
    await page.getByLabel('float16 weights').check();
    await expect(variant.inputValue()).resolves.toBe(join(studio.dir, 'mine.float16.onnx'));
    await studio.screenshot('safety-export-edited');
    await page.getByRole('button', { name: 'Use the derived name again' }).first().click();
    await expect(variant.inputValue()).resolves.toBe(join(studio.dir, 'mlp.float16.onnx'));

    // An output that is one of the job's inputs (a member's model) is refused next to the output
    // field, naming both; nothing is asked, and the model is untouched.
    const model = join(DEMO_DIR, 'models', 'logreg.onnx');
    const before = readFileSync(model);
    await fused.fill(model);
    await page
      .locator('form[aria-labelledby=fused-title]')
      .getByRole('button', { name: /^Export/ })
      .click();
    const refusal = page.locator('.output-field').filter({ has: fused }).getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(model);
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    expect(readFileSync(model).equals(before)).toBe(true);
    await studio.screenshot('safety-export-output-is-input');
    await fused.fill('');
  });

  it('Export: providers this build lacks are disabled with the reason; the benchmark names its sample', async () => {
    const cuda = page.getByRole('checkbox', { name: /^cuda/ });
    await expect(cuda.isDisabled()).resolves.toBe(true);
    await expect(cuda.evaluate((el) => el.parentElement?.textContent ?? '')).resolves.toMatch(
      /not installed in this build/,
    );
    const small = join(studio.dir, 'small.csv');
    const lines = readFileSync(join(DEMO_DIR, 'breast_cancer.csv'), 'utf8').trim().split(/\r?\n/);
    writeFileSync(small, lines.slice(0, 51).join('\n') + '\n');
    for (const box of await page.locator('.provider-checks input[type=checkbox]:not([disabled])').all()) {
      const name = (await box.evaluate((el) => el.parentElement?.textContent?.trim())) ?? '';
      if (name === 'cpu') await box.check();
      else await box.uncheck();
    }
    await page.locator('[name=bench-threads]').fill('1');
    await page.locator('[name=bench-rows]').fill('20000');
    await page.getByLabel('Sample data file').fill(small);
    await page.getByRole('button', { name: 'Benchmark providers' }).click();
    await page.getByTestId('benchmark-result').waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('benchmark-sample').textContent()).resolves.toMatch(
      /first 50 rows of the file \(20,000 asked for/,
    );
    await studio.screenshot('safety-export-benchmark');
  });
});
