/**
 * The bundle card's words, on verifications the real engine made: a signed bundle of the demo
 * ensemble checked with its key, without it, with another key, and after one byte of a member was
 * flipped inside the zip.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallInput } from '../../../../contract/contract';
import type { BundleVerification } from '../../../../contract/bundle-types';
import {
  bundleFileRows,
  importBlockedReason,
  isBundleFileName,
  problemLine,
  signatureText,
} from '../../../../renderer/src/pages/models/bundleText';
import { startTestEngine, type TestEngine } from '../../../support/engine';
import { REPO } from '../../../support/run-cli';
import { flipByteOf } from '../../../main/bundle/zip-surgery';

let t: TestEngine;
let bundle: string;
let key: string;
let otherKey: string;

async function verify(path: string, publicKey?: string): Promise<BundleVerification> {
  const input = parseCallInput('bundles.verify', { path, ...(publicKey ? { publicKey } : {}) });
  return t.engine.handlers['bundles.verify'](input);
}

beforeAll(async () => {
  t = await startTestEngine();
  const keygen = async (name: string) => {
    const output = join(t.dir, name);
    await t.engine.handlers['bundles.keygen'](parseCallInput('bundles.keygen', { output }));
    return `${output}.pub`;
  };
  key = await keygen('sender.pem');
  otherKey = await keygen('stranger.pem');
  bundle = join(t.dir, 'demo.esb');
  await t.engine.handlers['bundles.create'](
    parseCallInput('bundles.create', {
      ensemble: { specPath: join(REPO, 'resources', 'demo', 'demo.ensemble.json') },
      output: bundle,
      signKey: join(t.dir, 'sender.pem'),
    }),
  );
});
afterAll(() => t.close());

describe('signatureText', () => {
  it('says valid with the fingerprint when the key matches', async () => {
    const v = await verify(bundle, key);
    const text = signatureText(v.signature);
    expect(text).toMatchObject({ label: 'valid', tone: 'ok' });
    expect(text.detail).toContain(v.signature.keyFingerprint!);
    expect(v.signature.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says not checked, and how to check it, without a key', async () => {
    const text = signatureText((await verify(bundle)).signature);
    expect(text).toMatchObject({ label: 'not checked', tone: 'warn' });
    expect(text.detail).toMatch(/public key/);
  });

  it('says invalid with another key', async () => {
    const text = signatureText((await verify(bundle, otherKey)).signature);
    expect(text).toMatchObject({ label: 'invalid', tone: 'bad' });
    expect(text.detail).toMatch(/does not match/);
  });

  it('says unsigned for a bundle without a signature', () => {
    const text = signatureText({ status: 'unsigned', keyFingerprint: null });
    expect(text).toMatchObject({ label: 'unsigned', tone: 'warn' });
  });
});

describe('bundleFileRows', () => {
  it('lists every file with its manifest sha256, all ok, for a sound bundle', async () => {
    const v = await verify(bundle, key);
    const rows = bundleFileRows(v);
    expect(rows.map((r) => r.role)).toContain('spec');
    expect(rows.filter((r) => r.role === 'model')).toHaveLength(4);
    for (const r of rows) {
      expect(r.ok).toBe(true);
      expect(r.problem).toBeNull();
      expect(r.sha256).toBe(v.manifest!.files.find((f) => f.path === r.path)!.sha256);
    }
  });

  it('marks the one tampered member with the engine’s message', async () => {
    const tampered = join(t.dir, 'tampered.esb');
    copyFileSync(bundle, tampered);
    await flipByteOf(tampered, 'models/forest.onnx');
    const v = await verify(tampered, key);
    expect(v.ok).toBe(false);
    const rows = bundleFileRows(v);
    const bad = rows.filter((r) => !r.ok);
    expect(bad.map((r) => r.path)).toEqual(['models/forest.onnx']);
    expect(bad[0]!.problem).toBeTruthy();
    const request = { path: tampered, publicKey: key };
    const reason = importBlockedReason(v, request, request, '/tmp/somewhere');
    expect(reason).toMatch(/failed verification/);
    expect(reason).toContain('models/forest.onnx');
  });
});

describe('importBlockedReason', () => {
  it('allows a verified bundle into a chosen folder, and says what is missing otherwise', async () => {
    const v = await verify(bundle, key);
    const request = { path: bundle, publicKey: key };
    expect(importBlockedReason(v, request, request, '/tmp/new-folder')).toBeNull();
    expect(importBlockedReason(v, request, request, '  ')).toMatch(/folder/);
    expect(importBlockedReason(v, request, { path: bundle, publicKey: '' }, '/tmp/x')).toMatch(
      /verify again/,
    );
    expect(importBlockedReason(v, request, { path: `${bundle}x`, publicKey: key }, '/tmp/x')).toMatch(
      /verify again/,
    );
  });

  it('refuses a bundle whose signature does not match the key', async () => {
    const v = await verify(bundle, otherKey);
    const request = { path: bundle, publicKey: otherKey };
    expect(importBlockedReason(v, request, request, '/tmp/x')).toMatch(/failed verification.*manifest\.sig/);
  });
});

describe('small words', () => {
  it('names the file of a problem, or the bundle as a whole', () => {
    expect(problemLine({ file: 'models/a.onnx', message: 'sha256 differs' })).toBe(
      'models/a.onnx: sha256 differs',
    );
    expect(problemLine({ file: null, message: 'not a zip' })).toBe('The bundle: not a zip');
  });

  it('takes .esb and .zip files as bundles, whatever the case', () => {
    expect(isBundleFileName('/a/b.esb')).toBe(true);
    expect(isBundleFileName('C:\\a\\B.ZIP')).toBe(true);
    expect(isBundleFileName('/a/model.onnx')).toBe(false);
    expect(isBundleFileName('/a/esb')).toBe(false);
  });
});
