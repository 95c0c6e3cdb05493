/**
 * Making bundles through the engine's `bundles.*` calls (real engine, real export job, real
 * node:crypto keys): what goes in, the manifest, signatures right and wrong, and the output rules.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallInput, type CallInput } from '../../../contract/contract';
import type { BundleCreated, BundleKeyPair, BundleVerification } from '../../../contract/bundle-types';
import { canonicalJson } from '../../../main/history/json';
import { loadSpecFile } from '../../../main/engine/load-spec';
import { openBundle } from '../../../main/bundle';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { REPO } from '../../support/run-cli';

const CASE = join(REPO, 'test', 'corpus', 'scoring', 'binary-soft-int');
const SPEC = join(CASE, 'ensemble.json');
let t: TestEngine;
let key: BundleKeyPair;
let otherKey: BundleKeyPair;

const create = async (input: Partial<CallInput<'bundles.create'>> & { output: string }) =>
  (await t.engine.handlers['bundles.create'](
    parseCallInput('bundles.create', { ensemble: { specPath: SPEC }, ...input }),
  )) as BundleCreated;
const verify = async (path: string, publicKey?: string) =>
  (await t.engine.handlers['bundles.verify'](
    parseCallInput('bundles.verify', { path, publicKey }),
  )) as BundleVerification;
const keygen = async (output: string, overwrite = false) =>
  (await t.engine.handlers['bundles.keygen'](
    parseCallInput('bundles.keygen', { output, overwrite }),
  )) as BundleKeyPair;

beforeAll(async () => {
  t = await startTestEngine();
  key = await keygen(join(t.dir, 'signer.pem'));
  otherKey = await keygen(join(t.dir, 'other.pem'));
});
afterAll(() => t.close());

describe('bundles.keygen', () => {
  it('writes an owner-only private key, the public key beside it, and its fingerprint', () => {
    expect(key.publicKey).toBe(`${key.privateKey}.pub`);
    expect(statSync(key.privateKey).mode & 0o777).toBe(0o600);
    const der = createPublicKey(readFileSync(key.publicKey)).export({ type: 'spki', format: 'der' });
    expect(key.fingerprint).toBe(createHash('sha256').update(der).digest('hex'));
    expect(readFileSync(key.privateKey, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('refuses to replace a key unless asked', async () => {
    await expect(keygen(key.privateKey)).rejects.toThrow(/already exists: pass --overwrite/);
    const before = readFileSync(key.privateKey, 'utf8');
    const again = await keygen(join(t.dir, 'again.pem'));
    const replaced = await keygen(again.privateKey, true);
    expect(replaced.fingerprint).not.toBe(again.fingerprint);
    expect(readFileSync(key.privateKey, 'utf8')).toBe(before);
  });
});

describe('bundles.create', () => {
  let signed: BundleCreated;
  let bundlePath: string;
  beforeAll(async () => {
    const report = join(t.dir, 'evaluation report.html');
    writeFileSync(report, '<!doctype html><title>report</title>');
    bundlePath = join(t.dir, 'signed.esb');
    signed = await create({
      output: bundlePath,
      fused: true,
      signKey: key.privateKey,
      includeReport: report,
    });
  });

  it('holds the spec with relative paths, the models, the fused model, the report and a readme', async () => {
    expect(signed.signed).toBe(true);
    expect(signed.keyFingerprint).toBe(key.fingerprint);
    expect(signed.manifest.files.map((f) => [f.path, f.role])).toEqual([
      ['binary_soft_vote_int_labels.ensemble.json', 'spec'],
      ['models/logreg.onnx', 'model'],
      ['models/forest.onnx', 'model'],
      ['models/mlp.onnx', 'model'],
      ['report/evaluation_report.html', 'report'],
      ['README.txt', 'readme'],
      ['fused/binary_soft_vote_int_labels.fused.onnx', 'fused'],
    ]);
    const model = signed.manifest.files.find((f) => f.path === 'models/forest.onnx')!;
    const original = readFileSync(join(CASE, 'forest.onnx'));
    expect(model.size).toBe(original.length);
    expect(model.sha256).toBe(createHash('sha256').update(original).digest('hex'));
    expect(signed.sha256).toBe(createHash('sha256').update(readFileSync(bundlePath)).digest('hex'));
    expect(signed.manifest.createdBy).toMatch(/.+@.+/);
    expect(signed.manifest.onnxruntimeVersion).toMatch(/^\d+\.\d+\.\d+/);
    // Nothing left beside the output: the temp zip was renamed, the export's scratch removed.
    expect(readdirSync(t.dir).filter((n) => n.startsWith('.'))).toEqual([]);
    const runs = await t.engine.handlers['history.list']({ kind: 'export', limit: 5 });
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
  });

  it("records the spec's hash as the history hashes the same spec once opened", async () => {
    const opened = await openBundle(bundlePath, join(t.dir, 'opened'));
    const loaded = await loadSpecFile(opened.specPath);
    expect(createHash('sha256').update(canonicalJson(loaded.spec)).digest('hex')).toBe(
      signed.manifest.ensemble.specHash,
    );
    expect(loaded.spec.members.every((m) => m.model.startsWith('models/'))).toBe(true);
  });

  it('verifies with the right key, is not checked without one, and is refused with a wrong one', async () => {
    const right = await verify(bundlePath, key.publicKey);
    expect(right).toMatchObject({
      ok: true,
      signature: { status: 'valid', keyFingerprint: key.fingerprint },
    });
    expect(right.files.every((f) => f.ok)).toBe(true);
    expect(await verify(bundlePath)).toMatchObject({ ok: true, signature: { status: 'not-checked' } });
    const wrong = await verify(bundlePath, otherKey.publicKey);
    expect(wrong).toMatchObject({ ok: false, signature: { status: 'invalid' } });
    expect(wrong.problems).toEqual([
      { file: 'manifest.sig', message: expect.stringMatching(/does not match the key/) },
    ]);
    await expect(
      openBundle(bundlePath, join(t.dir, 'wrong-key'), { publicKey: otherKey.publicKey }),
    ).rejects.toThrow(/manifest\.sig: the signature does not match/);
    expect(readdirSync(t.dir)).not.toContain('wrong-key');
  });

  it('refuses a key given for an unsigned bundle', async () => {
    const unsigned = join(t.dir, 'unsigned.esb');
    await create({ output: unsigned });
    expect(await verify(unsigned)).toMatchObject({ ok: true, signature: { status: 'unsigned' } });
    const withKey = await verify(unsigned, key.publicKey);
    expect(withKey).toMatchObject({ ok: false, signature: { status: 'unsigned' } });
    expect(withKey.problems[0]).toMatchObject({
      file: 'manifest.sig',
      message: expect.stringMatching(/not signed/),
    });
  });

  it('refuses a signing key that is not Ed25519, naming the file', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = join(t.dir, 'rsa.pem');
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(rsa, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(create({ output: join(t.dir, 'rsa.esb'), signKey: rsa })).rejects.toThrow(
      new RegExp(`${rsa}: an rsa key; bundles are signed with Ed25519`),
    );
  });

  it('never writes over an existing file unless asked, nor ever over a member model', async () => {
    const before = readFileSync(bundlePath);
    await expect(create({ output: bundlePath })).rejects.toThrow(/already exists: pass --overwrite/);
    expect(readFileSync(bundlePath).equals(before)).toBe(true);
    await expect(create({ output: join(CASE, 'forest.onnx'), overwrite: true })).rejects.toThrow(
      /is the model of member "forest"/,
    );
    const replaced = await create({ output: bundlePath, overwrite: true });
    expect(replaced.signed).toBe(false);
  });

  it('gives two models of one name distinct places in the bundle', async () => {
    const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as { members: { model: string }[] };
    const folder = join(t.dir, 'twins');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(join(folder, 'a'), { recursive: true });
    mkdirSync(join(folder, 'b'));
    copyFileSync(join(CASE, 'logreg.onnx'), join(folder, 'a', 'model.onnx'));
    copyFileSync(join(CASE, 'mlp.onnx'), join(folder, 'b', 'model.onnx'));
    spec.members = [
      { ...spec.members[0]!, model: 'a/model.onnx' },
      { ...spec.members[2]!, model: 'b/model.onnx' },
    ];
    writeFileSync(join(folder, 'twins.ensemble.json'), JSON.stringify(spec));
    const made = await create({
      ensemble: { specPath: join(folder, 'twins.ensemble.json') },
      output: join(folder, 't.esb'),
    });
    expect(made.manifest.files.filter((f) => f.role === 'model').map((f) => f.path)).toEqual([
      'models/model.onnx',
      'models/model-2.onnx',
    ]);
  });
});
