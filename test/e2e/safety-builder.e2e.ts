/**
 * The builder, Run and Models pages keep the analyst's data safe and offer only what works, in a
 * real browser against the real engine: an output equal to the input is refused and the input left
 * byte-identical; an existing output is replaced only after a confirm naming it; JSON Lines output is
 * written; providers this build cannot use are disabled with the reason; a negative weight is
 * refused on its field and blocks Run and Save; Check lists every problem; the column picker orders
 * columns and leaves out the label; a reload keeps the workspace; removing a used model asks first.
 * Screenshots of each state land in test-results/e2e/.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_DIR, startStudio, type Studio } from './harness';

let studio: Studio;
let page: Page;
let input: string;
let specFile: string;

const demoSpec = JSON.parse(readFileSync(join(DEMO_DIR, 'demo.ensemble.json'), 'utf8')) as {
  members: { name: string; inputs: Record<string, string[]> }[];
};
const forestColumns = demoSpec.members.find((m) => m.name === 'forest')?.inputs.float_input ?? [];

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function go(name: string) {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The workspace is saved shortly after each change; wait until this one is. */
async function workspaceSaved() {
  await page.locator('[data-testid=workspace-status][data-status=saved]').waitFor();
}

const dialog = () => page.getByRole('dialog');

beforeAll(async () => {
  studio = await startStudio();
  page = studio.page;
  page.setDefaultTimeout(60_000);
  input = join(studio.dir, 'patients.csv');
  copyFileSync(join(DEMO_DIR, 'breast_cancer.csv'), input);
  specFile = join(studio.dir, 'safe.ensemble.json');
});

afterAll(async () => {
  await studio?.close();
});

describe('safety in the builder, Run and Models pages', () => {
  it('lists failed imports apart; they do not count as models', async () => {
    const field = page.getByLabel('Model file (.onnx)');
    for (const m of ['logreg.onnx', 'forest.onnx', 'mlp.onnx']) {
      await field.fill(join(DEMO_DIR, 'models', m));
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('button', { name: m, exact: true }).waitFor();
    }
    await field.fill(join(DEMO_DIR, 'models', 'missing.onnx'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const failed = page.getByTestId('failed-imports');
    await failed.getByRole('heading', { name: 'Could not import' }).waitFor();
    await expect(failed.textContent()).resolves.toContain('missing.onnx');
    await expect(page.locator('.models-table tbody tr').count()).resolves.toBe(3);
    await expect(page.locator('.models-table').textContent()).resolves.not.toContain('missing.onnx');
    await expect(page.locator('.app-nav .nav-count').first().textContent()).resolves.toBe('3');
    await studio.screenshot('safety-failed-import');
  });

  it('names combiners and leaves the label column out of the picker', async () => {
    await go('Data');
    await page.getByLabel('Data file').fill(input);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: /^First \d+ rows$/ }).waitFor();

    await go('Ensemble');
    const pick = page.getByLabel('Imported model');
    for (const name of ['logreg', 'forest', 'mlp']) {
      const value = await pick.locator('option', { hasText: `${name}.onnx` }).getAttribute('value');
      await pick.selectOption(value ?? '');
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByRole('listitem', { name: `Member ${name}` }).waitFor();
    }
    const combiner = page.getByLabel('Combiner');
    await expect(combiner.locator('option:checked').textContent()).resolves.toBe('Soft vote');
    await expect(combiner.locator('option').allTextContents()).resolves.not.toContain('soft_vote');
    await expect(page.getByTestId('combiner-help').textContent()).resolves.toMatch(
      /^Averages the members’ probabilities/,
    );

    // The label column is never offered to a model.
    const forest = page.getByRole('listitem', { name: 'Member forest' });
    await forest.getByText('Pick and order columns').click();
    const toAdd = forest.getByRole('group', { name: 'Columns to add to float_input of forest' });
    await expect(toAdd.getByRole('checkbox', { name: 'diagnosis', exact: true }).count()).resolves.toBe(0);
    await expect(toAdd.getByRole('checkbox', { name: 'mean radius', exact: true }).count()).resolves.toBe(1);
  });

  it('refuses a negative weight on its field, blocks Run and Save; Check lists every problem; column order is saved', async () => {
    const logregWeight = page.getByLabel('Weight of logreg');
    await logregWeight.fill('-1');
    const logreg = page.getByRole('listitem', { name: 'Member logreg' });
    await expect(logreg.locator('.field-error').textContent()).resolves.toMatch(/cannot be negative \(-1\)/);
    await expect(logregWeight.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByRole('button', { name: 'Check ensemble' }).click();
    const problems = page.getByTestId('check-problems').locator('li');
    // The weight, and the forest's unmapped input: both listed at once, each shown where it belongs.
    await expect.poll(() => problems.count()).toBeGreaterThanOrEqual(2);
    const texts = await problems.allTextContents();
    expect(texts.some((t) => t.startsWith('logreg: A weight cannot be negative'))).toBe(true);
    expect(texts).toContain(
      'forest needs 10 columns for float_input, 0 picked: pick them under Input mapping',
    );
    await page.getByRole('listitem', { name: 'Member forest' }).getByRole('alert').first().waitFor();
    for (const t of texts) expect(t).not.toMatch(/ENOENT|EISDIR|\.partial-|Invalid input|wire type/);
    await expect(page.getByTestId('check-status').textContent()).resolves.toMatch(/^\d+ problems found$/);
    await page.getByLabel('Ensemble spec (*.ensemble.json)').fill(specFile);
    await expect(page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).resolves.toBe(true);
    await studio.screenshot('safety-negative-weight');
    await go('Run');
    await expect(page.getByRole('button', { name: 'Start scoring' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('run-blocked').textContent()).resolves.toMatch(/logreg/);

    await go('Ensemble');
    await page.getByLabel('Weight of logreg').fill('2');
    await page.getByRole('listitem', { name: 'Member mlp' }).getByLabel('Classes').fill('0, 1');
    // The forest takes 10 of the 30 columns: picked, then reordered.
    const forest = page.getByRole('listitem', { name: 'Member forest' });
    await forest.getByText('Pick and order columns').click();
    const toAdd = forest.getByRole('group', { name: 'Columns to add to float_input of forest' });
    for (const c of forestColumns) await toAdd.getByRole('checkbox', { name: c, exact: true }).click();
    const order = forest.getByRole('list', { name: 'Column order for float_input of forest' });
    await expect(order.locator('.column-name').allTextContents()).resolves.toEqual(forestColumns);
    // The second column moved to the front: the model gets them in the new order.
    const second = forestColumns[1] ?? '';
    await order.getByRole('button', { name: `Move ${second} up` }).click();
    const reordered = [second, forestColumns[0] ?? '', ...forestColumns.slice(2)];
    await expect(order.locator('.column-name').allTextContents()).resolves.toEqual(reordered);
    await expect(page.getByLabel('Columns for input float_input of forest').inputValue()).resolves.toBe(
      reordered.join(', '),
    );
    await studio.screenshot('safety-column-order');
    // Moved on to third place: the spec saved below must carry this order.
    await order.getByRole('button', { name: `Move ${second} down` }).click();
    await order.getByRole('button', { name: `Move ${second} down` }).click();
    const saved = [forestColumns[0] ?? '', forestColumns[2] ?? '', second, ...forestColumns.slice(3)];
    await expect(order.locator('.column-name').allTextContents()).resolves.toEqual(saved);
    await page.getByRole('button', { name: 'Check ensemble' }).click();
    await expect(page.getByTestId('check-status').textContent()).resolves.toMatch(/^Ready: 3 members/);
    await page.getByLabel('Ensemble spec (*.ensemble.json)').fill(specFile);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Saved to /).waitFor();
    const spec = JSON.parse(readFileSync(specFile, 'utf8')) as {
      members: { name: string; weight: number; inputs: Record<string, string[]> }[];
    };
    const savedForest = spec.members.find((m) => m.name === 'forest');
    expect(savedForest?.inputs.float_input?.slice(0, 3)).toEqual([
      forestColumns[0],
      forestColumns[2],
      forestColumns[1],
    ]);
    expect(spec.members.find((m) => m.name === 'logreg')?.weight).toBe(2);
  });

  it('offers only usable providers, threads up to the cores, and formula escaping on by default', async () => {
    await go('Run');
    const info = await studio.engine.handlers['app.info']({});
    const providers = page.getByLabel('Provider');
    for (const p of info.providers) {
      const option = providers.locator(`option[value="${p.name}"]`);
      await expect(option.isDisabled()).resolves.toBe(!p.available);
      if (!p.available) await expect(option.textContent()).resolves.toContain(p.reason ?? '');
    }
    const threads = await page.getByLabel('Threads').locator('option').allTextContents();
    expect(threads).toEqual(['auto', ...Array.from({ length: info.cores }, (_, i) => String(i + 1))]);
    await expect(page.getByLabel('Escape formulas').isChecked()).resolves.toBe(true);
    const formats = await page.getByLabel('Format').locator('option').allTextContents();
    expect(formats.filter((f) => f !== 'from extension')).toEqual(['CSV', 'TSV', 'Parquet', 'JSON Lines']);
    await studio.screenshot('safety-run-options');
  });

  it('refuses an output equal to the input next to the output field; the input is unchanged', async () => {
    const before = sha256(input);
    await page.getByLabel('Input data').fill(input);
    await page.getByLabel('Output file').fill(input);
    await page.getByRole('button', { name: 'Start scoring' }).click();
    const error = page.getByTestId('output-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain(input);
    await expect(error.textContent()).resolves.not.toMatch(/ENOENT|EISDIR|\.partial-|Invalid input/);
    expect(sha256(input)).toBe(before);
    await studio.screenshot('safety-output-is-input');
  });

  it('asks before replacing an existing output, naming it, then replaces it', async () => {
    const existing = join(studio.dir, 'existing.csv');
    writeFileSync(existing, 'keep me\n');
    await page.getByLabel('Output file').fill(existing);
    await page.getByRole('button', { name: 'Start scoring' }).click();
    await dialog().waitFor();
    await expect(dialog().textContent()).resolves.toContain(existing);
    await studio.screenshot('safety-confirm-replace');
    // Cancel first: nothing runs and the file stays.
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(readFileSync(existing, 'utf8')).toBe('keep me\n');
    await page.getByRole('button', { name: 'Start scoring' }).click();
    await dialog().getByRole('button', { name: 'Replace' }).click();
    await page.getByTestId('score-result').waitFor({ timeout: 90_000 });
    expect(readFileSync(existing, 'utf8').split('\n')[0]).toMatch(/prediction/);
  });

  it('writes JSON Lines output', async () => {
    const jsonl = join(studio.dir, 'scored.jsonl');
    await page.getByLabel('Output file').fill(jsonl);
    await expect(page.getByLabel('Format').inputValue()).resolves.toBe('jsonl');
    await page.getByRole('button', { name: 'Start scoring' }).click();
    await page.getByTestId('score-result').filter({ hasText: 'scored.jsonl' }).waitFor({ timeout: 90_000 });
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(569);
    const first = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(Object.keys(first)).toContain('prediction');
    expect(typeof first.proba_1).toBe('number');
  });

  it('keeps models, data, draft and run inputs across a reload', async () => {
    await page.getByLabel('Escape formulas').uncheck();
    await page.getByLabel('Threads').selectOption('1');
    await expect
      .poll(async () => JSON.stringify((await studio.engine.handlers['workspace.load']({})).state))
      .toMatch(/"threads":"1".*"escapeFormulas":false|"escapeFormulas":false.*"threads":"1"/);
    await workspaceSaved();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Run' }).waitFor();
    await expect(page.getByLabel('Output file').inputValue()).resolves.toBe(join(studio.dir, 'scored.jsonl'));
    await expect(page.getByLabel('Input data').inputValue()).resolves.toBe(input);
    await expect(page.getByLabel('Escape formulas').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Threads').inputValue()).resolves.toBe('1');
    await go('Models');
    await expect.poll(() => page.locator('.models-table tbody tr:not(.row-error)').count()).toBe(3);
    await go('Data');
    await expect(page.getByLabel('Data file').inputValue()).resolves.toBe(input);
    await page.getByRole('heading', { name: /^First \d+ rows$/ }).waitFor();
    await go('Ensemble');
    await expect(page.getByLabel('Weight of logreg').inputValue()).resolves.toBe('2');
    await expect(page.getByLabel('Columns for input float_input of forest').inputValue()).resolves.toMatch(
      new RegExp(`^${forestColumns[0]}, ${forestColumns[2]}, ${forestColumns[1]}`),
    );
    await studio.screenshot('safety-after-reload');
  });

  it('asks before removing a model a member uses, and before opening a spec over unsaved work', async () => {
    await page.getByLabel('Weight of mlp').fill('3');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await dialog().waitFor();
    await expect(dialog().textContent()).resolves.toMatch(/not saved/);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByLabel('Weight of mlp').inputValue()).resolves.toBe('3');

    await go('Models');
    await page.getByRole('button', { name: 'Remove forest.onnx' }).click();
    await dialog().waitFor();
    await expect(dialog().textContent()).resolves.toContain('“forest”');
    await studio.screenshot('safety-remove-used-model');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('.models-table tbody tr').count()).resolves.toBe(3);
    await page.getByRole('button', { name: 'Remove forest.onnx' }).click();
    await dialog().getByRole('button', { name: 'Remove model and members' }).click();
    await expect.poll(() => page.locator('.models-table tbody tr').count()).toBe(2);
    await go('Ensemble');
    await expect(page.getByRole('listitem', { name: 'Member forest' }).count()).resolves.toBe(0);
    expect(existsSync(specFile)).toBe(true);
    expect(studio.problems).toEqual([]);
  });
});
