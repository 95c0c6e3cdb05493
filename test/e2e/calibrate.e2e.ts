/**
 * Calibration from the Evaluate page, in a real browser against the real engine: open the demo
 * spec, evaluate it on the hold-out file, calibrate on that same file (the page warns that this
 * makes later evaluations on it in-sample), see the reliability curves before and after and the
 * change in log loss and Brier score, use the calibrated spec, and see its evaluation on the fit
 * file marked in-sample.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_DIR, startStudio, type Studio } from './harness';

let studio: Studio;
let page: Page;
let specPath: string;

async function go(name: string) {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

beforeAll(async () => {
  studio = await startStudio();
  page = studio.page;
  page.setDefaultTimeout(60_000);
  // The demo spec with absolute model paths, in the test folder (the calibrated spec derives there).
  const spec = JSON.parse(readFileSync(join(DEMO_DIR, 'demo.ensemble.json'), 'utf8')) as {
    members: { model: string }[];
  };
  for (const m of spec.members) m.model = join(DEMO_DIR, m.model);
  specPath = join(studio.dir, 'demo.ensemble.json');
  writeFileSync(specPath, JSON.stringify(spec, null, 2));
  await go('Ensemble');
  await page.getByLabel('Ensemble spec (*.ensemble.json)').fill(specPath);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Opened / })
    .waitFor();
});

afterAll(async () => {
  await studio?.close();
});

async function evaluateOnHoldout() {
  await page.getByRole('button', { name: 'Evaluate ensemble' }).click();
  await page.getByTestId('metrics-table').waitFor({ timeout: 90_000 });
}

describe('calibrating from the Evaluate page', () => {
  it('calibrates with isotonic regression and shows the curves and the metric changes', async () => {
    await go('Evaluate');
    await page.getByLabel('Labelled data').fill(join(DEMO_DIR, 'breast_cancer_holdout.csv'));
    const label = page.locator('[name=label-column]');
    if ((await label.evaluate((el) => el.tagName)) === 'SELECT') await label.selectOption('diagnosis');
    else await label.fill('diagnosis');
    await evaluateOnHoldout();

    await page.getByLabel('Calibrate (members and weights kept)').check();
    await page.getByLabel('Calibration map').selectOption('isotonic');
    // The hold-out is the file just evaluated on: the page says what that means.
    await page.getByTestId('calibrate-on-evaluation-file').waitFor();
    await page.getByRole('button', { name: 'Calibrate', exact: true }).click();
    await page.getByTestId('calibration-result').waitFor({ timeout: 90_000 });

    await page.locator('figcaption', { hasText: 'Reliability, class 1: before and after' }).waitFor();
    const chart = page.getByTestId('calibration-curves').locator('figure');
    await expect(chart.count()).resolves.toBe(1);
    // Two curves, before and after, each in the legend.
    await expect(chart.locator('g.series').count()).resolves.toBe(2);
    await expect(chart.locator('.legend li').allTextContents()).resolves.toEqual(['before', 'after']);
    await expect(page.getByTestId('calibration-log_loss').textContent()).resolves.toMatch(
      /^Log loss: .+ → .+ \(-/,
    );
    await expect(page.getByTestId('calibration-brier').textContent()).resolves.toMatch(
      /^Brier score: .+ → .+ \(-/,
    );
    await studio.screenshot('calibrate');

    const written = join(studio.dir, 'demo.calibrate.ensemble.json');
    expect(existsSync(written)).toBe(true);
    const spec = JSON.parse(readFileSync(written, 'utf8')) as {
      calibration?: { method: string; maps: unknown[] };
    };
    expect(spec.calibration?.method).toBe('isotonic');
    expect(spec.calibration?.maps).toHaveLength(1);
  });

  it('uses the calibrated spec; evaluating it on the fit file is marked in-sample', async () => {
    await page.getByRole('button', { name: 'Use the calibrated spec' }).click();
    await page.getByText('The calibrated spec is now the open ensemble.').waitFor();
    await evaluateOnHoldout();
    await page.getByTestId('in-sample-warning').waitFor({ timeout: 90_000 });
  });

  it('keeps the map in the builder until a change to the scores, then says it was left out', async () => {
    await go('Ensemble');
    const status = page.getByTestId('calibration-status');
    await expect(status.textContent()).resolves.toContain('Calibrated (isotonic)');
    await page.getByLabel('Name', { exact: true }).fill('calibrated, renamed');
    await expect(status.textContent()).resolves.toContain('Calibrated (isotonic)');
    await page.getByLabel('Combiner').selectOption('geometric_mean');
    await expect(status.textContent()).resolves.toContain('The calibration map was left out');
  });
});
