/**
 * Opening bundles that were made to hurt: names that leave the folder, links, duplicate names,
 * zip bombs (by ratio, by a lying size, by the total cap), files the manifest does not list, and
 * a damaged member. Each is refused naming the entry, and nothing appears in or beside the folder.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle, openBundleToTemp, verifyBundle } from '../../../main/bundle';
import { parseCallInput } from '../../../contract/contract';
import type { BundleCreated } from '../../../contract/bundle-types';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { REPO } from '../../support/run-cli';
import { flipByteOf, lieAboutSize, renameInZip, writeZip } from './zip-surgery';

const CASE = join(REPO, 'test', 'corpus', 'scoring', 'binary-soft-int');
let t: TestEngine;
let bundle: string;

beforeAll(async () => {
  t = await startTestEngine();
  bundle = join(t.dir, 'good.esb');
  const request = parseCallInput('bundles.create', {
    ensemble: { specPath: join(CASE, 'ensemble.json') },
    output: bundle,
  });
  (await t.engine.handlers['bundles.create'](request)) as BundleCreated;
});
afterAll(() => t.close());

/** A folder holding only `parent/` (where DIR goes): anything else appearing there is a leak. */
function arena(name: string): { root: string; to: string } {
  const root = join(t.dir, name);
  mkdirSync(join(root, 'parent'), { recursive: true });
  return { root, to: join(root, 'parent', 'dir') };
}

function expectNothingWritten(root: string, ...inputs: string[]): void {
  expect(readdirSync(root).sort()).toEqual([...inputs, 'parent'].sort());
  expect(readdirSync(join(root, 'parent'))).toEqual([]);
}

describe('crafted zips are refused before anything is written', () => {
  const cases: { title: string; placeholder: string; name: string; message: RegExp }[] = [
    { title: '../x', placeholder: '__/x', name: '../x', message: /leaves the folder/ },
    { title: 'a/../../x', placeholder: 'a/__/__/x', name: 'a/../../x', message: /leaves the folder/ },
    { title: 'an absolute /…/x', placeholder: '_ABS/x', name: '/ABS/x', message: /absolute path/ },
    { title: 'a drive letter C:/x', placeholder: 'C_/x', name: 'C:/x', message: /absolute path/ },
    { title: 'a backslash ..\\x', placeholder: '___x', name: '..\\x', message: /backslash/ },
  ];
  for (const c of cases) {
    it(`refuses an entry named ${c.title}`, async () => {
      const { root, to } = arena(`name-${cases.indexOf(c)}`);
      const zip = join(root, 'parent', '..', 'bad.zip');
      await writeZip(zip, [
        { name: 'manifest.json', data: '{}' },
        { name: c.placeholder, data: 'payload' },
      ]);
      renameInZip(zip, c.placeholder, c.name);
      await expect(openBundle(zip, to)).rejects.toThrow(c.message);
      const verified = await verifyBundle(zip);
      expect(verified.ok).toBe(false);
      expect(verified.problems[0]!.file).toBe(c.name);
      expect(existsSync(join(root, 'x'))).toBe(false);
      expect(existsSync('/ABS/x')).toBe(false);
      expect(existsSync(join(root, 'parent', 'x'))).toBe(false);
      expect(readdirSync(root).sort()).toEqual(['bad.zip', 'parent']);
      expect(readdirSync(join(root, 'parent'))).toEqual([]);
    });
  }

  it('refuses a symbolic link entry', async () => {
    const { root, to } = arena('link');
    const zip = join(root, 'link.zip');
    await writeZip(zip, [{ name: 'models/evil.onnx', data: '/etc/passwd', mode: 0o120777 }]);
    await expect(openBundle(zip, to)).rejects.toThrow(/models\/evil\.onnx: refused: it is a symbolic link/);
    expect(readdirSync(join(root, 'parent'))).toEqual([]);
  });

  it('refuses two entries whose names differ only in case', async () => {
    const { root, to } = arena('dup');
    const zip = join(root, 'dup.zip');
    await writeZip(zip, [
      { name: 'models/a.onnx', data: 'one' },
      { name: 'models/A.onnx', data: 'two' },
    ]);
    await expect(openBundle(zip, to)).rejects.toThrow(/models\/A\.onnx: the name appears twice/);
    expect(readdirSync(join(root, 'parent'))).toEqual([]);
  });

  it('refuses a zip bomb by its compression ratio', async () => {
    const { root, to } = arena('bomb');
    const zip = join(root, 'bomb.zip');
    await writeZip(zip, [{ name: 'models/big.onnx', data: Buffer.alloc(32 * 1024 ** 2) }]);
    await expect(openBundle(zip, to)).rejects.toThrow(
      /models\/big\.onnx: refused: it would expand \d+ times/,
    );
    expectNothingWritten(root, 'bomb.zip');
  });

  it('refuses a zip whose files declare more than the total cap', async () => {
    const { root, to } = arena('cap');
    const limits = { maxTotalBytes: 100, maxRatio: 200, ratioFloorBytes: 1024 ** 2 };
    await expect(openBundle(bundle, to, { limits })).rejects.toThrow(/over the cap of 100/);
    expectNothingWritten(root);
  });

  it('stops an entry whose real bytes exceed its declared size', async () => {
    const { root, to } = arena('liar');
    const zip = join(root, 'liar.esb');
    await copyFile(bundle, zip);
    // The spec is deflated: its directory record now claims 10 bytes, far fewer than it holds.
    const spec = 'binary_soft_vote_int_labels.ensemble.json';
    lieAboutSize(zip, spec, 10);
    await expect(openBundle(zip, to)).rejects.toThrow(new RegExp(spec.replace(/\./g, '\\.')));
    const verified = await verifyBundle(zip);
    expect(verified.problems.some((p) => p.file === spec)).toBe(true);
    expect(readdirSync(join(root, 'parent'))).toEqual([]);
  });
});

describe('a real bundle', () => {
  it('opens into a new folder with exactly its files, the spec ready to load', async () => {
    const { to } = arena('open');
    const opened = await openBundle(bundle, to);
    expect(opened.ok).toBe(true);
    expect(opened.folder).toBe(to);
    expect(readdirSync(to).sort()).toEqual([
      'README.txt',
      'SHA256SUMS',
      'binary_soft_vote_int_labels.ensemble.json',
      'manifest.json',
      'models',
    ]);
    expect(readdirSync(join(to, 'models')).sort()).toEqual(['forest.onnx', 'logreg.onnx', 'mlp.onnx']);
    const loaded = await t.engine.handlers['ensembles.load']({ path: opened.specPath });
    expect(loaded.spec.members.map((m) => m.model)).toEqual([
      'models/logreg.onnx',
      'models/forest.onnx',
      'models/mlp.onnx',
    ]);
    expect(readdirSync(join(to, '..'))).toEqual(['dir']);
  });

  it('refuses a folder that is not empty, and an empty one is used', async () => {
    const { to } = arena('busy');
    mkdirSync(to);
    writeFileSync(join(to, 'mine.txt'), 'keep');
    await expect(openBundle(bundle, to)).rejects.toThrow(/not an empty folder/);
    expect(readdirSync(to)).toEqual(['mine.txt']);
    const { to: empty } = arena('empty');
    mkdirSync(empty);
    await expect(openBundle(bundle, empty)).resolves.toMatchObject({ ok: true });
  });

  it('refuses a member whose bytes changed, naming it, and writes nothing', async () => {
    const { root, to } = arena('flip');
    const zip = join(root, 'flipped.esb');
    await copyFile(bundle, zip);
    await flipByteOf(zip, 'models/forest.onnx');
    await expect(openBundle(zip, to)).rejects.toThrow(/models\/forest\.onnx: its sha256 differs/);
    expect(readdirSync(root).sort()).toEqual(['flipped.esb', 'parent']);
    expect(readdirSync(join(root, 'parent'))).toEqual([]);
  });

  it('refuses a file the manifest does not list', async () => {
    const { root, to } = arena('extra');
    const zip = join(root, 'extra.esb');
    const { default: yauzl } = await import('yauzl');
    const source = await yauzl.openPromise(bundle, { lazyEntries: true, autoClose: false });
    const entries: { name: string; data: Buffer }[] = [];
    for await (const entry of source.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const c of await source.openReadStreamPromise(entry)) chunks.push(c as Buffer);
      entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
    }
    source.close();
    await writeZip(zip, [...entries, { name: 'models/extra.onnx', data: 'smuggled' }]);
    await expect(openBundle(zip, to)).rejects.toThrow(/models\/extra\.onnx: not listed in the manifest/);
    expect(readdirSync(join(root, 'parent'))).toEqual([]);
  });

  it('opens into a private temp folder for a service, removed by cleanup()', async () => {
    const opened = await openBundleToTemp(bundle);
    expect(existsSync(opened.specPath)).toBe(true);
    expect(opened.manifest.files.filter((f) => f.role === 'model')).toHaveLength(3);
    await opened.cleanup();
    expect(existsSync(opened.folder)).toBe(false);
  });
});
