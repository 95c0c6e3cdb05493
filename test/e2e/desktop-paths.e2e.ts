/**
 * PathField in the desktop app, without Electron: a fake `window.studio` with `desktop` is put in the
 * page before it loads. Path fields are read-only there, Browse… opens the dialog the field asks
 * for, and a path the app refuses is shown with the engine's own message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startStudio, type Studio } from './harness';

let studio: Studio;
let page: Page;

interface DialogCall {
  name: string;
  input: unknown;
}

beforeAll(async () => {
  studio = await startStudio();
  page = studio.page;
  page.setDefaultTimeout(20_000);
  await studio.context.addInitScript(() => {
    const calls: { name: string; input: unknown }[] = [];
    const refuse = (input: unknown) => {
      const path = (input as { path?: string } | undefined)?.path ?? '?';
      return Promise.reject(
        Object.assign(new Error(`path not opened through the app: ${path}`), {
          code: 'bad_input',
          location: { field: 'path' },
        }),
      );
    };
    const desktop = {
      openFile: (input: unknown) => {
        calls.push({ name: 'openFile', input });
        return Promise.resolve('/chosen/patients.csv');
      },
      saveFile: (input: unknown) => {
        calls.push({ name: 'saveFile', input });
        return Promise.resolve('/chosen/out.scored.parquet');
      },
      openFolder: () => {
        calls.push({ name: 'openFolder', input: {} });
        return Promise.resolve('/chosen/graphs');
      },
      recentFiles: () => Promise.resolve([]),
      onFileOpened: () => () => undefined,
      pathForFile: () => '',
    };
    // Every contract call is refused as the desktop app refuses an ungranted path.
    const studioApi = new Proxy(
      { desktop, on: () => () => undefined },
      {
        get: (target, key) =>
          key in target
            ? (target as Record<string | symbol, unknown>)[key]
            : (input: unknown) => refuse(input),
      },
    );
    Object.assign(window, { studio: studioApi, __dialogCalls: calls });
  });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
});

afterAll(async () => {
  await studio?.close();
});

const dialogCalls = () =>
  page.evaluate(() => (window as unknown as { __dialogCalls: DialogCall[] }).__dialogCalls);

async function go(name: string) {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('PathField in the desktop app', () => {
  it('is read-only; Browse opens the open dialog; a refused path shows the engine’s message', async () => {
    await go('Data');
    const field = page.getByRole('textbox', { name: 'Data file', exact: true });
    await expect(field.getAttribute('readonly')).resolves.not.toBeNull();
    await page.getByRole('button', { name: 'Browse for Data file' }).click();
    await expect(field.inputValue()).resolves.toBe('/chosen/patients.csv');
    await page
      .getByRole('alert')
      .filter({ hasText: 'path not opened through the app: /chosen/patients.csv' })
      .waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/bad_input.*field path/);
    expect(await dialogCalls()).toEqual([{ name: 'openFile', input: { kind: 'data' } }]);
  });

  it('derives no output path; the save dialog suggests a name, the folder dialog a folder', async () => {
    await go('Run');
    const output = page.getByRole('textbox', { name: 'Output file', exact: true });
    await expect(output.getAttribute('readonly')).resolves.not.toBeNull();
    // The open data file is the input, but no output is derived next to it.
    await expect(page.getByRole('textbox', { name: 'Input data', exact: true }).inputValue()).resolves.toBe(
      '',
    );
    await expect(output.inputValue()).resolves.toBe('');
    await page.getByRole('button', { name: 'Browse for Output file' }).click();
    await expect(output.inputValue()).resolves.toBe('/chosen/out.scored.parquet');
    expect((await dialogCalls()).at(-1)).toEqual({
      name: 'saveFile',
      input: { kind: 'output', defaultName: 'scored.csv' },
    });

    await go('Export');
    await expect(
      page.getByRole('textbox', { name: 'Fused model file (.onnx)', exact: true }).inputValue(),
    ).resolves.toBe('');
    await page.getByLabel('Save the optimised graphs').check();
    await page.getByRole('button', { name: 'Browse for Folder for optimised graphs' }).click();
    await expect(
      page.getByRole('textbox', { name: 'Folder for optimised graphs', exact: true }).inputValue(),
    ).resolves.toBe('/chosen/graphs');
    expect((await dialogCalls()).at(-1)).toEqual({ name: 'openFolder', input: {} });
    expect(studio.problems).toEqual([]);
  });
});
