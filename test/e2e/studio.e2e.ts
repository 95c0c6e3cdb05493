/**
 * The analyst's path through the app, in a real browser against the real engine:
 * import the demo models, open the demo data, build an ensemble, score a file and watch progress
 * reach the end, cancel another run, evaluate, find greedy weights, see the runs in history and
 * compare them; export the ensemble as one checked ONNX file, make a float16 variant of a member and
 * benchmark the providers. A screenshot of every page is written to test-results/e2e/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeDemoRows } from '../support/demo-data';
import { DEMO_DIR, offLoopback, startStudio, type Studio } from './harness';

let studio: Studio;
let page: Page;
let bigCsv: string;
let hugeCsv: string;

const demoSpec = JSON.parse(readFileSync(join(DEMO_DIR, 'demo.ensemble.json'), 'utf8')) as {
  members: { name: string; inputs: Record<string, string[]> }[];
};

async function go(name: string) {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

beforeAll(async () => {
  studio = await startStudio();
  page = studio.page;
  page.setDefaultTimeout(60_000);
  bigCsv = join(studio.dir, 'patients_100k.csv');
  hugeCsv = join(studio.dir, 'patients_400k.csv');
  await writeDemoRows(bigCsv, 100_000);
  await writeDemoRows(hugeCsv, 400_000);
});

afterAll(async () => {
  await studio?.close();
});

describe('Ensemble Studio in a browser', () => {
  it('shows the shell with navigation, theme toggle and job indicator', async () => {
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('button').count()).resolves.toBe(
      8,
    );
    await expect(page.getByRole('button', { name: /No jobs running/ }).isVisible()).resolves.toBe(true);
    // Keyboard: the skip link is the first focusable element, shows when focused and moves focus to main.
    await expect(
      page.evaluate(() => document.querySelector('a, button, input, select, textarea')?.textContent),
    ).resolves.toBe('Skip to content');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await skip.focus();
    expect((await skip.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  it('imports the demo models and shows their details; a bad path fails plainly', async () => {
    const models = readdirSync(join(DEMO_DIR, 'models'))
      .filter((f) => f.endsWith('.onnx'))
      .sort();
    expect(models.length).toBeGreaterThanOrEqual(3);
    const field = page.getByLabel('Model file (.onnx)');
    for (const m of models) {
      await field.fill(join(DEMO_DIR, 'models', m));
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('button', { name: m, exact: true }).waitFor();
    }
    await field.fill(join(DEMO_DIR, 'missing.onnx'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'could not be read' }).waitFor();
    await page.getByRole('button', { name: 'Remove missing.onnx' }).click();

    await page.getByRole('button', { name: 'logreg.onnx', exact: true }).click();
    await page.getByRole('heading', { name: 'Detection notes' }).waitFor();
    await expect(page.locator('.models-table tbody tr').count()).resolves.toBe(models.length);
    await studio.screenshot('models');
  });

  it('opens the demo data with a windowed preview, schema and summary', async () => {
    await go('Data');
    await page.getByLabel('Data file').fill(join(DEMO_DIR, 'breast_cancer.csv'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: /^First \d+ rows$/ }).waitFor();
    await expect(page.getByTestId('row-count').textContent()).resolves.toMatch(/569/);
    // Only the rows in view are in the DOM.
    const rendered = await page.locator('.vtable tbody tr:not(.spacer)').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await page.locator('.vtable').evaluate((el) => (el.scrollTop = 4000));
    await page.locator('.vtable tbody th.rownum', { hasText: /^150$/ }).waitFor();
    await studio.screenshot('data');
  });

  it('builds an ensemble, maps columns, checks and saves it', async () => {
    await go('Ensemble');
    const pick = page.getByLabel('Imported model');
    for (const name of ['logreg', 'forest', 'mlp']) {
      const value = await pick.locator('option', { hasText: `${name}.onnx` }).getAttribute('value');
      await pick.selectOption(value ?? '');
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByRole('listitem', { name: `Member ${name}` }).waitFor();
    }
    // logreg and mlp take all 30 features: mapped automatically. The forest takes 10 of them,
    // which cannot be guessed: the check says so next to the member, then they are typed in.
    await expect(page.getByLabel('Columns for input float_input of logreg').inputValue()).resolves.toContain(
      'worst fractal dimension',
    );
    await page.getByRole('button', { name: 'Check ensemble' }).click();
    await expect(page.getByTestId('check-status').textContent()).resolves.toMatch(/problem/);
    const forest = page.getByRole('listitem', { name: 'Member forest' });
    await forest.getByRole('alert').first().waitFor();
    await studio.screenshot('ensemble-problem');
    const forestColumns = demoSpec.members.find((m) => m.name === 'forest')?.inputs.float_input ?? [];
    await page.getByLabel('Columns for input float_input of forest').fill(forestColumns.join(', '));
    // The MLP does not name its classes: say them.
    await page.getByRole('listitem', { name: 'Member mlp' }).getByLabel('Classes').fill('0, 1');
    await page.getByRole('listitem', { name: 'Member logreg' }).getByLabel('Weight of logreg').fill('2');
    await page.getByRole('button', { name: 'Check ensemble' }).click();
    await expect(page.getByTestId('check-status').textContent()).resolves.toMatch(
      /^Ready: 3 members, classes 0, 1/,
    );

    await page.getByLabel('Ensemble spec (*.ensemble.json)').fill(join(studio.dir, 'e2e.ensemble.json'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Saved to /).waitFor();
    expect(existsSync(join(studio.dir, 'e2e.ensemble.json'))).toBe(true);
    await studio.screenshot('ensemble');
  });

  it('exports the fused ensemble with a parity check that passes', async () => {
    await go('Export');
    // The open data file is the default check file.
    await expect(page.getByLabel('Check on data file').inputValue()).resolves.toBe(
      join(DEMO_DIR, 'breast_cancer.csv'),
    );
    await expect(page.getByLabel(/The builder’s ensemble/).isChecked()).resolves.toBe(true);
    const fused = join(studio.dir, 'e2e.fused.onnx');
    await page.getByLabel('Fused model file (.onnx)').fill(fused);
    await page.getByRole('button', { name: 'Export and check' }).click();
    await page.getByTestId('export-result').waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('parity-badge').textContent()).resolves.toMatch(/^Parity: pass/);
    await expect(page.getByTestId('parity-agreement').textContent()).resolves.toBe('100 %');
    await expect(page.getByTestId('export-result').textContent()).resolves.toMatch(/probabilities/);
    expect(existsSync(fused)).toBe(true);
    await studio.screenshot('export');
  });

  it('makes a float16 variant of the mlp member of the saved spec and reports on it', async () => {
    // The saved spec file this time: opening it lists its members for the subject.
    await page.getByLabel('A spec file').check();
    await page.getByLabel('Ensemble spec (*.ensemble.json)').fill(join(studio.dir, 'e2e.ensemble.json'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText(/: logreg, forest, mlp$/).waitFor();
    await page.getByLabel('Subject').selectOption('mlp');
    await page.getByLabel('float16 weights').check();
    await page.locator('[name=precision-label]').selectOption('diagnosis');
    await page.locator('[name=precision-rows]').fill('569');
    const variant = join(studio.dir, 'mlp.float16.onnx');
    await page.getByLabel('Variant file (.onnx)').fill(variant);
    await page.getByRole('button', { name: 'Make variant and report' }).click();
    const card = page.getByTestId('precision-result');
    await card.waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('precision-size').textContent()).resolves.toMatch(/\d.* → \d/);
    await expect(page.getByTestId('precision-agreement').textContent()).resolves.toMatch(/^\d+(\.\d+)? %$/);
    await expect(card.textContent()).resolves.toMatch(/float16/);
    await expect(card.textContent()).resolves.toMatch(/Accuracy/);
    expect(existsSync(variant)).toBe(true);
    await studio.screenshot('export-precision');
  });

  it('benchmarks the cpu provider at 1 and 2 threads and uses the fastest', async () => {
    const cpu = page.getByRole('checkbox', { name: 'cpu', exact: true });
    await cpu.check();
    for (const other of await page.locator('.provider-checks input[type=checkbox]').all()) {
      if ((await other.evaluate((el) => el.parentElement?.textContent?.trim())) !== 'cpu')
        await other.uncheck();
    }
    await page.locator('[name=bench-threads]').fill('1, 2');
    await page.locator('[name=bench-rows]').fill('2000');
    await page.getByRole('button', { name: 'Benchmark providers' }).click();
    const result = page.getByTestId('benchmark-result');
    await result.waitFor({ timeout: 90_000 });
    await expect(result.locator('tbody tr').count()).resolves.toBe(2);
    await expect(result.locator('tr.fastest').count()).resolves.toBe(1);
    const fastest = result.locator('tr.fastest');
    const threads = (await fastest.locator('td').first().textContent())?.trim() ?? '';
    expect(['1', '2']).toContain(threads);
    await studio.screenshot('providers');
    await fastest.getByRole('button', { name: /^Use cpu with/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^The Run page now scores with cpu/ })
      .waitFor();
    await go('Run');
    await expect(page.getByLabel('Provider').inputValue()).resolves.toBe('cpu');
    await expect(page.getByLabel('Threads').inputValue()).resolves.toBe(threads);
  });

  it('scores a file and shows progress reaching 100 % and a summary', async () => {
    await go('Run');
    await page.getByLabel('Input data').fill(bigCsv);
    await page.getByLabel('Output file').fill(join(studio.dir, 'scored.csv'));
    await page.getByLabel('Write each member’s predictions').check();
    const seen = new Set<string>();
    const watch = setInterval(() => {
      void page
        .locator('.job-progress [role=progressbar]')
        .first()
        .getAttribute('aria-valuenow')
        .then((v) => v && seen.add(v))
        .catch(() => undefined);
    }, 50);
    await page.getByRole('button', { name: 'Start scoring' }).click();
    await page.getByTestId('score-result').waitFor({ timeout: 90_000 });
    clearInterval(watch);
    await expect(
      page.locator('.job-progress [role=progressbar]').first().getAttribute('aria-valuenow'),
    ).resolves.toBe('100');
    await expect(page.getByTestId('job-percent').first().textContent()).resolves.toBe('100 %');
    await expect(page.getByTestId('score-result').textContent()).resolves.toMatch(/100,000/);
    expect(existsSync(join(studio.dir, 'scored.csv'))).toBe(true);
    await studio.screenshot('run');
  });

  it('cancels a running job and leaves no output', async () => {
    await page.getByLabel('Input data').fill(hugeCsv);
    await page.getByLabel('Output file').fill(join(studio.dir, 'cancelled.csv'));
    await page.getByRole('button', { name: 'Start scoring' }).click();
    // Wait until it is really scoring (rows counted), then cancel.
    await page.locator('.job-progress .badge', { hasText: /Scoring/i }).waitFor();
    await page.waitForFunction(
      () =>
        Number(document.querySelector('.job-progress [role=progressbar]')?.getAttribute('aria-valuenow')) > 0,
    );
    await page.getByRole('button', { name: /running/ }).waitFor(); // the header indicator
    await studio.screenshot('run-in-progress');
    await page.locator('.job-progress').getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.job-progress .badge', { hasText: 'cancelled' }).waitFor();
    await page.getByText('Cancelled. No output file was written.').waitFor();
    expect(existsSync(join(studio.dir, 'cancelled.csv'))).toBe(false);
  });

  it('evaluates the ensemble and draws the plots', async () => {
    await go('Evaluate');
    await page.getByLabel('Labelled data').fill(join(DEMO_DIR, 'breast_cancer_holdout.csv'));
    const label = page.locator('[name=label-column]');
    if ((await label.evaluate((el) => el.tagName)) === 'SELECT') await label.selectOption('diagnosis');
    else await label.fill('diagnosis');
    await page.getByRole('button', { name: 'Evaluate ensemble' }).click();
    await page.getByTestId('metrics-table').waitFor({ timeout: 90_000 });
    const rows = page.getByTestId('metrics-table').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(4); // ensemble + 3 members
    await expect(page.locator('td.best').count()).resolves.toBeGreaterThan(0);
    for (const title of [/^ROC curve/, /^Calibration$/, /^Confusion matrix/, /^Member correlation$/]) {
      await page.locator('figcaption', { hasText: title }).waitFor();
    }
  });

  it('runs a greedy weight search and applies the weights', async () => {
    await page.getByLabel('Greedy weights (Caruana)').check();
    await page.getByRole('button', { name: 'Optimise', exact: true }).click();
    await page.getByTestId('optimize-result').waitFor({ timeout: 90_000 });
    await page.locator('figcaption', { hasText: 'Greedy search' }).waitFor();
    await page.getByRole('button', { name: 'Apply weights' }).click();
    await page.getByText('Applied to the ensemble builder.').waitFor();
    await studio.screenshot('evaluate');
    await go('Ensemble');
    const weights = await Promise.all(
      ['logreg', 'forest', 'mlp'].map((n) => page.getByLabel(`Weight of ${n}`).inputValue()),
    );
    const sum = weights.map(Number).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 6);
    await expect(page.getByText('Unsaved changes').isVisible()).resolves.toBe(true);
  });

  it('fits a stacking model and applies it in one step', async () => {
    await go('Evaluate');
    await page.getByLabel('Stacking (logistic regression)').check();
    await page.getByRole('button', { name: 'Optimise', exact: true }).click();
    await page.getByRole('button', { name: 'Apply stacking model' }).waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Apply stacking model' }).click();
    await go('Ensemble');
    await expect(page.getByLabel('Combiner').inputValue()).resolves.toBe('stacking');
    await page.getByRole('button', { name: 'Check ensemble' }).click();
    await expect(page.getByTestId('check-status').textContent()).resolves.toMatch(/^Ready/);
  });

  it('lists the runs in history, filters them and compares two', async () => {
    await go('History');
    const rows = page.locator('.runs-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    await page.getByLabel('Kind').selectOption('score');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    await expect(page.locator('.runs-table .badge-succeeded').count()).resolves.toBe(1);
    await expect(page.locator('.runs-table .badge-cancelled').count()).resolves.toBe(1);
    const boxes = page.getByRole('checkbox', { name: /Select run \d+ for comparison/ });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: /^Compare #\d+ and #\d+$/ }).click();
    await page.getByTestId('compare-view').waitFor();
    await expect(page.getByTestId('compare-view').textContent()).resolves.toMatch(/Δ/);
    await studio.screenshot('history');

    // An evaluation against the optimised ensemble: metric deltas side by side.
    await page.getByLabel('Kind').selectOption('');
    await page.locator('.runs-table tbody tr', { hasText: 'evaluate' }).first().getByRole('checkbox').check();
    await page.locator('.runs-table tbody tr', { hasText: 'optimize' }).last().getByRole('checkbox').check();
    await page.getByRole('button', { name: /^Compare #\d+ and #\d+$/ }).click();
    await page.getByTestId('compare-view').getByRole('heading', { name: 'Metrics' }).waitFor();
    await studio.screenshot('history-compare-metrics');

    // Run details, and Re-run fills the Run page from the run's parameters.
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Status').selectOption('succeeded');
    const scoreRow = page.locator('.runs-table tbody tr', { hasText: 'score' }).first();
    await scoreRow.getByRole('button', { name: /^#\d+$/ }).click();
    await page.getByTestId('run-detail').waitFor();
    await studio.screenshot('history-detail');
    await page.getByRole('button', { name: 'Re-run' }).click();
    // The builder holds unsaved work (the stacking model applied above): re-running asks first.
    await page.getByRole('dialog').getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Run' }).waitFor();
    await expect(page.getByLabel('Input data').inputValue()).resolves.toBe(bigCsv);
  });

  it('has a dark theme', async () => {
    await go('Evaluate');
    const toggle = page.getByRole('button', { name: /^Theme:/ });
    while (!((await toggle.getAttribute('aria-label')) ?? '').startsWith('Theme: dark')) await toggle.click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await studio.screenshot('evaluate-dark');
    await go('Export');
    // The form and the reports are kept across pages.
    await expect(page.getByLabel('Subject').inputValue()).resolves.toBe('mlp');
    await studio.screenshot('export-dark');
    await go('Models');
    await studio.screenshot('models-dark');
  });

  it('made no request off loopback and raised no page errors', async () => {
    expect(studio.requests.length).toBeGreaterThan(5);
    expect(offLoopback(studio.requests, studio.bridge.url)).toEqual([]);
    expect(studio.problems).toEqual([]);
  });
});

describe('at the narrowest supported width', () => {
  it('lays out the builder at 1024 px without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 1024, height: 800 });
    await go('Ensemble');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await studio.screenshot('ensemble-1024');
    await go('Export');
    const exportOverflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(exportOverflow).toBeLessThanOrEqual(0);
    await studio.screenshot('export-1024');
  });
});
