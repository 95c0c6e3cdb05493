/**
 * The Export page's Migrate card, in a real browser against the real engine: run a migration of
 * the demo ensemble on a sample, then check the table lists every combination with the
 * recommended one highlighted, sorts by a clicked header (and reverses on a second click), names
 * the providers that could not run, and points at the migration.json it wrote.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/** The numbers in one column of the table, top to bottom (a dash for a missing figure is skipped). */
async function columnNumbers(column: number): Promise<number[]> {
  const cells = await page.getByTestId('migration-row').locator(`:nth-child(${column})`).allTextContents();
  return cells.map((t) => Number(t.replace(/[^\d.e+-]/g, ''))).filter((n) => Number.isFinite(n));
}

describe('Export page: migrate', () => {
  it('runs a migration and shows a sortable table with the recommendation highlighted', async () => {
    const lines = readFileSync(join(DEMO_DIR, 'breast_cancer.csv'), 'utf8').trim().split('\n');
    const sample = join(studio.dir, 'sample.csv');
    writeFileSync(sample, lines.slice(0, 201).join('\n') + '\n');
    const output = join(studio.dir, 'moved');

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Export' }).click();
    await page.getByRole('heading', { level: 1, name: 'Export' }).waitFor();
    await page.getByRole('radio', { name: /A spec file/ }).check();
    await page.getByLabel('Ensemble spec (*.ensemble.json)').fill(join(DEMO_DIR, 'demo.ensemble.json'));
    const card = page.locator('form', { has: page.getByRole('heading', { name: 'Migrate' }) });
    await card.getByLabel('Data file', { exact: true }).fill(sample);
    await card.locator('input[name="migrate-label"]').fill('diagnosis');
    await card.locator('input[name="migrate-threads"]').fill('1, 2');
    await card.locator('input[name="migrate-rows"]').fill('200');
    await card.getByLabel('Output folder (new or empty)').fill(output);
    await card.getByRole('button', { name: 'Run migration' }).click();

    const table = page.getByTestId('migration-table');
    await table.waitFor();
    const rows = page.getByTestId('migration-row');
    const count = await rows.count();
    expect(count % 8).toBe(0); // 4 representations × 2 thread counts × each provider that runs
    expect(count).toBeGreaterThanOrEqual(8);
    for (const name of ['members', 'fused', 'fused-float16', 'fused-int8'])
      expect(await rows.locator('th', { hasText: new RegExp(`^${name}$`) }).count()).toBe(count / 4);

    // Exactly one row is the recommendation, highlighted and badged, and the sentence names it.
    const chosen = page.locator('[data-testid="migration-row"][data-recommended="true"]');
    await expect(chosen.count()).resolves.toBe(1);
    await expect(chosen.getAttribute('class')).resolves.toContain('fastest');
    await expect(chosen.getByText('recommended').count()).resolves.toBe(1);
    const representation = (await chosen.locator('th').textContent())!;
    await expect(page.getByTestId('migration-recommendation').textContent()).resolves.toContain(
      `Recommended: ${representation} on cpu`,
    );

    // Sorted by rows/s, fastest first, to begin with; a click on Threads sorts by it, a second reverses.
    const rates = await columnNumbers(6);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const threadsHeader = table.getByRole('button', { name: /^Threads/ });
    await threadsHeader.click();
    await expect(table.locator('th[aria-sort="descending"]').textContent()).resolves.toMatch(/Threads/);
    let threads = await columnNumbers(3);
    expect(threads).toEqual([...threads].sort((a, b) => b - a));
    await threadsHeader.click();
    await expect(table.locator('th[aria-sort="ascending"]').textContent()).resolves.toMatch(/Threads/);
    threads = await columnNumbers(3);
    expect(threads).toEqual([...threads].sort((a, b) => a - b));
    expect(threads[0]).toBe(1);
    await table.getByRole('button', { name: /^Representation/ }).click();
    const names = await rows.locator('th').allTextContents();
    expect(names).toEqual([...names].sort());

    // Providers that could not run, with why; and the proof on disk.
    await expect(page.getByTestId('migration-absent').textContent()).resolves.toMatch(/cuda: .+/);
    const manifest = (await page.getByTestId('migration-manifest').textContent())!.trim();
    expect(manifest).toBe(join(output, 'migration.json'));
    expect(existsSync(manifest)).toBe(true);
    await studio.screenshot('export-migrate');
    expect(studio.problems).toEqual([]);
  });
});
