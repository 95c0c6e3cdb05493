/**
 * The Export page's scoring service card, in a real browser against the real engine: start the
 * service for a spec file, reach it from outside the page (the test, as a client would), watch the
 * card count the request, and stop it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_DIR, startStudio, type Studio } from './harness';

let studio: Studio;
let page: Page;

beforeAll(async () => {
  studio = await startStudio();
  page = studio.page;
  page.setDefaultTimeout(60_000);
}, 120_000);

afterAll(async () => {
  await studio?.close();
});

describe('Export page: scoring service', () => {
  it('starts the service from the UI, which then answers /ping and /invocations, and stops it', async () => {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Export' }).click();
    await page.getByRole('heading', { level: 1, name: 'Export' }).waitFor();
    await page.getByRole('radio', { name: /A spec file/ }).check();
    await page.getByLabel('Ensemble spec (*.ensemble.json)').fill(join(DEMO_DIR, 'demo.ensemble.json'));
    await page.getByRole('textbox', { name: /^Service port/ }).fill('0');
    await page.getByRole('button', { name: 'Start service' }).click();

    const url = (await page.getByTestId('service-url').textContent())!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(page.getByTestId('service-curl').textContent()).resolves.toContain(`${url}/invocations`);
    expect((await fetch(`${url}/ping`)).status).toBe(200);

    const row = await fetch(`${url}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: await (await import('node:fs/promises')).readFile(join(DEMO_DIR, 'breast_cancer.csv')),
    });
    expect(row.status).toBe(200);
    // The card polls the service: the request shows up without a reload.
    await page
      .getByTestId('service-stats')
      .getByText(/^1 requests \(0 refused or failed\), 569 rows/)
      .waitFor();
    await studio.screenshot('serve-running');

    await page.getByRole('button', { name: 'Stop service' }).click();
    await page.getByText(/Stopped/).waitFor();
    await expect(fetch(`${url}/ping`)).rejects.toThrow();
    expect(studio.problems).toEqual([]);
  });
});
