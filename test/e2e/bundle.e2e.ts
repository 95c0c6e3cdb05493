/**
 * Ensemble bundles on the Models page, in a real browser against the real engine: a signed bundle
 * of the demo ensemble is verified with its public key (signature valid, manifest and file table
 * shown), imported into a new folder (its spec opens in the builder, its models in the Models
 * list), refused when imported again into the now non-empty folder, and a copy with one byte of a
 * member flipped shows that file failing and Import disabled.
 */
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { parseCallInput } from '../../contract/contract';
import type { BundleCreated, BundleKeyPair } from '../../contract/bundle-types';
import { flipByteOf } from '../main/bundle/zip-surgery';
import { DEMO_DIR, startStudio, type Studio } from './harness';

let studio: Studio;
let page: Page;
let card: Locator;
let bundle: string;
let tampered: string;
let publicKey: string;
let fingerprint: string;

async function go(name: string) {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function verify(path: string) {
  await card.getByLabel('Bundle (.esb)').fill(path);
  await card.getByRole('button', { name: 'Verify', exact: true }).click();
  await card.getByTestId('bundle-verification').waitFor();
}

beforeAll(async () => {
  studio = await startStudio();
  page = studio.page;
  page.setDefaultTimeout(60_000);
  const { handlers } = studio.engine;
  const privateKey = join(studio.dir, 'sender.pem');
  const keys = (await handlers['bundles.keygen'](
    parseCallInput('bundles.keygen', { output: privateKey }),
  )) as BundleKeyPair;
  publicKey = keys.publicKey;
  fingerprint = keys.fingerprint;
  bundle = join(studio.dir, 'demo.esb');
  (await handlers['bundles.create'](
    parseCallInput('bundles.create', {
      ensemble: { specPath: join(DEMO_DIR, 'demo.ensemble.json') },
      output: bundle,
      signKey: privateKey,
    }),
  )) as BundleCreated;
  tampered = join(studio.dir, 'tampered.esb');
  copyFileSync(bundle, tampered);
  await flipByteOf(tampered, 'models/forest.onnx');
  card = page.getByTestId('bundle-card');
}, 180_000);

afterAll(async () => {
  await studio?.close();
});

describe('Models page: ensemble bundles', () => {
  it('verifies a signed bundle with its key: signature valid, manifest and every file ok', async () => {
    await go('Models');
    await card.getByLabel('Public key of the sender (optional, .pub)').fill(publicKey);
    await verify(bundle);
    await expect(card.getByTestId('bundle-verdict').textContent()).resolves.toMatch(/^Verified/);
    const signature = (await card.getByTestId('bundle-signature').textContent()) ?? '';
    expect(signature).toMatch(/^Signature: valid /);
    expect(signature).toContain(fingerprint);
    await expect(card.getByTestId('bundle-ensemble').textContent()).resolves.toBe('breast cancer blend');
    const rows = card.getByTestId('bundle-files').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(6);
    await expect(rows.locator('td:last-child').allTextContents()).resolves.toEqual(Array(6).fill('ok'));
    await expect(card.locator('tr[data-file="models/forest.onnx"] td').nth(1).textContent()).resolves.toBe(
      'model',
    );
    // Nothing to import into yet: the button says why it waits.
    await expect(card.getByRole('button', { name: 'Import', exact: true }).isDisabled()).resolves.toBe(true);
    await expect(card.getByTestId('import-blocked').textContent()).resolves.toMatch(/folder/);
    await studio.screenshot('bundle-verified');
  });

  it('imports it into a new folder: the spec opens in the builder and its models are listed', async () => {
    const folder = join(studio.dir, 'imported');
    await card.getByLabel('Folder to import into (new or empty)').fill(folder);
    await card.getByRole('button', { name: 'Import', exact: true }).click();
    await card
      .getByRole('status')
      .filter({ hasText: /^Imported into / })
      .waitFor();
    const spec = join(folder, 'breast_cancer_blend.ensemble.json');
    expect(existsSync(spec)).toBe(true);
    expect(readdirSync(join(folder, 'models')).sort()).toEqual([
      'forest.onnx',
      'gboost.onnx',
      'logreg.onnx',
      'mlp.onnx',
    ]);
    // The members' models, read from the extracted folder.
    for (const m of ['logreg', 'forest', 'mlp', 'gboost'])
      await page.getByRole('button', { name: `${m}.onnx`, exact: true }).waitFor();
    await expect(page.locator('.models-table tbody tr').count()).resolves.toBe(4);
    await expect(
      page.locator('.models-table tbody button.link').first().getAttribute('title'),
    ).resolves.toMatch(new RegExp(`^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/models/`));
    await studio.screenshot('bundle-imported');

    await go('Ensemble');
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('breast cancer blend');
    await expect(page.getByLabel('Ensemble spec (*.ensemble.json)').inputValue()).resolves.toBe(spec);
    await expect(page.getByRole('listitem', { name: /^Member / }).count()).resolves.toBe(4);
  });

  it('says the engine’s refusal when the folder is not empty', async () => {
    await go('Models');
    // Leaving the page drops the card's state: verify again, then import into the same folder.
    await card.getByLabel('Public key of the sender (optional, .pub)').fill(publicKey);
    await verify(bundle);
    await card.getByLabel('Folder to import into (new or empty)').fill(join(studio.dir, 'imported'));
    await card.getByRole('button', { name: 'Import', exact: true }).click();
    await card
      .getByRole('alert')
      .filter({ hasText: /not an empty folder/ })
      .waitFor();
  });

  it('shows the tampered member failing and keeps Import disabled', async () => {
    await verify(tampered);
    await expect(card.getByTestId('bundle-verdict').textContent()).resolves.toMatch(/^Failed verification/);
    const bad = card.locator('tr.row-error');
    await expect(bad.count()).resolves.toBe(1);
    await expect(bad.getAttribute('data-file')).resolves.toBe('models/forest.onnx');
    await expect(bad.locator('td:last-child').textContent()).resolves.not.toBe('ok');
    await expect(card.getByTestId('bundle-problems').textContent()).resolves.toContain('models/forest.onnx');
    await card.getByLabel('Folder to import into (new or empty)').fill(join(studio.dir, 'never'));
    await expect(card.getByRole('button', { name: 'Import', exact: true }).isDisabled()).resolves.toBe(true);
    await expect(card.getByTestId('import-blocked').textContent()).resolves.toMatch(
      /failed verification.*models\/forest\.onnx/,
    );
    expect(existsSync(join(studio.dir, 'never'))).toBe(false);
    await studio.screenshot('bundle-tampered');
    expect(studio.problems).toEqual([]);
  });
});
