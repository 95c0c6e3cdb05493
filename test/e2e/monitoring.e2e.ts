/**
 * Watching an ensemble in use, in a real browser against the real engine: the Monitor page on the
 * demo data against a copy with one column shifted (that column leads the drift table as major),
 * the what-if panel after an evaluation (dropping a member changes the metrics), and the Run
 * page's uncertainty view. Screenshots land in test-results/e2e/.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_DIR, startStudio, type Studio } from './harness';

const REFERENCE = join(DEMO_DIR, 'breast_cancer.csv');
const HOLDOUT = join(DEMO_DIR, 'breast_cancer_holdout.csv');
const SHIFTED = 'mean radius';

let studio: Studio;
let page: Page;
let current: string;

async function go(name: string) {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The demo data with `column` moved up by `by`: every other column as it was. */
function writeShifted(path: string, column: string, by: number): void {
  const [header = '', ...rows] = readFileSync(REFERENCE, 'utf8').trimEnd().split('\n');
  const at = header.split(',').indexOf(column);
  expect(at).toBeGreaterThanOrEqual(0);
  const shifted = rows.map((line) => {
    const cells = line.split(',');
    cells[at] = String(Number(cells[at]) + by);
    return cells.join(',');
  });
  writeFileSync(path, [header, ...shifted].join('\n') + '\n');
}

/** The demo spec with absolute model paths, in the test folder. */
function writeSpec(path: string): void {
  const spec = JSON.parse(readFileSync(join(DEMO_DIR, 'demo.ensemble.json'), 'utf8')) as {
    members: { model: string }[];
  };
  for (const m of spec.members) m.model = join(DEMO_DIR, m.model);
  writeFileSync(path, JSON.stringify(spec, null, 2));
}

beforeAll(async () => {
  studio = await startStudio();
  page = studio.page;
  page.setDefaultTimeout(60_000);
  current = join(studio.dir, 'current month.csv');
  writeShifted(current, SHIFTED, 10);
  const spec = join(studio.dir, 'demo.ensemble.json');
  writeSpec(spec);
  await go('Ensemble');
  await page.getByLabel('Ensemble spec (*.ensemble.json)').fill(spec);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Opened / })
    .waitFor();
});

afterAll(async () => {
  await studio?.close();
});

describe('Monitoring in a browser', () => {
  it('Monitor: the shifted column leads the drift table as major, with histograms and estimates', async () => {
    await go('Monitor');
    await page.getByLabel('Reference data').fill(REFERENCE);
    await page.getByLabel('Current data').fill(current);
    await page.getByLabel('Label column (optional)').fill('diagnosis');
    await page.getByRole('button', { name: 'Check for drift' }).click();
    const table = page.getByTestId('drift-table');
    await table.waitFor({ timeout: 90_000 });
    const first = table.locator('tbody tr').first();
    await expect(first.locator('th').textContent()).resolves.toBe(SHIFTED);
    await expect(first.getAttribute('data-severity')).resolves.toBe('major');
    // Every other column is as it was: stable.
    await expect(table.locator('tbody tr[data-severity="major"]').count()).resolves.toBe(1);
    await expect(table.locator('tbody tr').last().getAttribute('data-severity')).resolves.toBe('stable');
    await expect(first.locator('svg.drift-hist rect.hist-cur').count()).resolves.toBeGreaterThan(1);
    await expect(page.getByTestId('estimated-accuracy').textContent()).resolves.toMatch(/^\d+\.\d %$/);
    await expect(page.getByTestId('reference-accuracy').textContent()).resolves.toMatch(/^\d+\.\d %$/);
    await page.getByTestId('prediction-drift').waitFor();
    await studio.screenshot('monitor');
    // The report path follows the current file's name; exporting writes the page there.
    const report = join(studio.dir, 'current month.monitor.html');
    await expect(page.getByLabel('HTML report').inputValue()).resolves.toBe(report);
    await page.getByRole('button', { name: 'Export HTML report…' }).click();
    await page.getByTestId('monitor-report-written').waitFor({ timeout: 90_000 });
    expect(existsSync(report)).toBe(true);
    expect(readFileSync(report, 'utf8')).toContain(`<td>${SHIFTED}</td>`);
  });

  it('Evaluate: the what-if panel recomputes the metrics when a member is dropped', async () => {
    await go('Evaluate');
    await page.getByLabel('Labelled data').fill(HOLDOUT);
    await page.getByLabel('Label column').fill('diagnosis');
    await page.getByRole('button', { name: 'Evaluate ensemble' }).click();
    const panel = page.getByTestId('whatif-panel');
    await panel.waitFor({ timeout: 90_000 });
    const logLoss = panel.getByTestId('whatif-after-log_loss');
    await logLoss.waitFor();
    const before = await logLoss.textContent();
    await panel.getByRole('listitem', { name: 'What-if member logreg' }).getByRole('checkbox').uncheck();
    await expect.poll(async () => logLoss.textContent(), { timeout: 10_000 }).not.toBe(before);
    await expect(panel.locator('tr[data-metric="log_loss"]').getAttribute('data-verdict')).resolves.not.toBe(
      'same',
    );
    await studio.screenshot('evaluate-whatif');
  });

  it('Run: uncertainty columns, their distribution and the least certain rows', async () => {
    await go('Run');
    await page.getByLabel('Input data').fill(HOLDOUT);
    await page.getByLabel('Output file').fill(join(studio.dir, 'holdout.scored.csv'));
    await page.getByLabel('Add uncertainty columns').check();
    await page.getByRole('button', { name: 'Start scoring' }).click();
    const view = page.getByTestId('uncertainty-view');
    await view.waitFor({ timeout: 90_000 });
    await expect(view.locator('svg.drift-hist rect.hist-cur').count()).resolves.toBe(20);
    const rows = page.getByTestId('uncertain-rows').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(10);
    const header = await page.getByTestId('uncertain-rows').locator('thead').textContent();
    expect(header).toContain('uncertainty.margin');
    expect(header).toContain('uncertainty.entropy');
    await studio.screenshot('run-uncertainty');
  });

  it('Monitor: an earlier run’s input as the reference; the same file against itself is stable', async () => {
    await go('Monitor');
    await page.getByLabel('An earlier run’s input').check();
    const runs = page.getByLabel('Earlier run', { exact: true });
    const scored = runs.locator('option', { hasText: /score · breast_cancer_holdout\.csv/ }).first();
    await runs.selectOption((await scored.getAttribute('value')) ?? '');
    await page.getByLabel('Current data').fill(HOLDOUT);
    await page.getByRole('button', { name: 'Check for drift' }).click();
    await page
      .getByText(/^breast_cancer_holdout\.csv against breast_cancer_holdout\.csv/)
      .waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('count-major').textContent()).resolves.toBe('0');
    await expect(
      page.getByTestId('drift-table').locator('tbody tr[data-severity="stable"]').count(),
    ).resolves.toBe(await page.getByTestId('drift-table').locator('tbody tr').count());
  });
});
