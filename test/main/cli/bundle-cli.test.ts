/**
 * `bundle` through the real command line, as the receiving analyst would use it: unzip
 * lists the files, verify passes, one flipped byte makes verify and open exit 1 naming the file,
 * a wrong key is refused, a zip-slip entry is refused with nothing written outside the folder, and
 * the README's own recipe (sha256sum -c, openssl) works on the unzipped files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { REPO, runCli } from '../../support/run-cli';
import { flipByteOf, renameInZip, writeZip } from '../bundle/zip-surgery';

const SPEC = join(REPO, 'test', 'corpus', 'scoring', 'binary-soft-int', 'ensemble.json');
const has = (tool: string) => spawnSync('which', [tool]).status === 0;

let tmp: ReturnType<typeof makeTempDir>;
let history: string;
let bundle: string;
const cli = (...args: string[]) => runCli([...args, '--history', history]);

beforeAll(async () => {
  tmp = makeTempDir('es-bundle-cli-');
  history = join(tmp.dir, 'history.sqlite');
  bundle = join(tmp.dir, 'blend.esb');
  const keys = await cli('bundle', 'keygen', '--output', join(tmp.dir, 'signer.pem'));
  expect(keys.code, keys.stderr).toBe(0);
  await cli('bundle', 'keygen', '--output', join(tmp.dir, 'stranger.pem'));
  const made = await cli(
    'bundle',
    'create',
    '--ensemble',
    SPEC,
    '--output',
    bundle,
    '--sign',
    join(tmp.dir, 'signer.pem'),
  );
  expect(made.code, made.stderr).toBe(0);
  expect(made.stdout).toMatch(/Wrote .*blend\.esb .*signed/);
});
afterAll(() => tmp.cleanup());

describe('bundle on the command line', () => {
  it.skipIf(!has('unzip'))('is a zip that unzip lists: manifest, spec and models', () => {
    const listing = execFileSync('unzip', ['-l', bundle], { encoding: 'utf8' });
    for (const name of [
      'manifest.json',
      'manifest.sig',
      'SHA256SUMS',
      'README.txt',
      'binary_soft_vote_int_labels.ensemble.json',
      'models/logreg.onnx',
      'models/forest.onnx',
      'models/mlp.onnx',
    ]) {
      expect(listing).toContain(name);
    }
  });

  it('verifies with the signer’s key, and prints a per-file report', async () => {
    const r = await cli('bundle', 'verify', bundle, '--key', join(tmp.dir, 'signer.pem.pub'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/: verified/);
    expect(r.stdout).toMatch(/Signature: valid/);
    expect(r.stdout).toMatch(/models\/forest\.onnx\s+model\s+[\d,]+\s+ok/);
  });

  it('refuses a wrong public key with exit 1', async () => {
    const r = await cli('bundle', 'verify', bundle, '--key', join(tmp.dir, 'stranger.pem.pub'), '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*manifest\.sig: the signature does not match/m);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, signature: { status: 'invalid' } });
    const open = await cli(
      'bundle',
      'open',
      bundle,
      '--to',
      join(tmp.dir, 'stranger'),
      '--key',
      join(tmp.dir, 'stranger.pem.pub'),
    );
    expect(open.code).toBe(1);
    expect(existsSync(join(tmp.dir, 'stranger'))).toBe(false);
  });

  it('exits 1 naming the member when one byte of it changed, for verify and for open', async () => {
    const damaged = join(tmp.dir, 'damaged.esb');
    copyFileSync(bundle, damaged);
    await flipByteOf(damaged, 'models/mlp.onnx');
    const v = await cli('bundle', 'verify', damaged);
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/^error: .*damaged\.esb: models\/mlp\.onnx: its sha256 differs/m);
    expect(v.stdout).toMatch(/models\/mlp\.onnx\s+model\s+[\d,]+\s+FAILED/);
    const o = await cli('bundle', 'open', damaged, '--to', join(tmp.dir, 'damaged'));
    expect(o.code).toBe(1);
    expect(o.stderr).toMatch(/^error: .*models\/mlp\.onnx: its sha256 differs/m);
    expect(existsSync(join(tmp.dir, 'damaged'))).toBe(false);
    expect(readdirSync(tmp.dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses an entry named ../x and writes nothing outside the folder', async () => {
    const arena = join(tmp.dir, 'arena');
    mkdirSync(join(arena, 'inside'), { recursive: true });
    const evil = join(arena, 'evil.esb');
    await writeZip(evil, [
      { name: 'manifest.json', data: '{}' },
      { name: '__/x', data: 'payload' },
    ]);
    renameInZip(evil, '__/x', '../x');
    const r = await cli('bundle', 'open', evil, '--to', join(arena, 'inside', 'dir'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\.\.\/x: refused: its name leaves the folder/);
    expect(readdirSync(arena).sort()).toEqual(['evil.esb', 'inside']);
    expect(readdirSync(join(arena, 'inside'))).toEqual([]);
  });

  it('opens into a new folder whose files pass sha256sum -c and openssl, as the README says', async () => {
    const to = join(tmp.dir, 'received');
    const r = await cli(
      'bundle',
      'open',
      bundle,
      '--to',
      to,
      '--key',
      join(tmp.dir, 'signer.pem.pub'),
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, folder: to });
    if (has('sha256sum')) {
      const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: to, encoding: 'utf8' });
      expect(sums.status, sums.stdout + sums.stderr).toBe(0);
      expect(sums.stdout).toMatch(/manifest\.json: OK/);
    }
    if (has('openssl')) {
      const sig = Buffer.from(
        execFileSync('cat', [join(to, 'manifest.sig')], { encoding: 'utf8' }).trim(),
        'base64',
      );
      writeFileSync(join(tmp.dir, 'manifest.sig.bin'), sig);
      const args = ['pkeyutl', '-verify', '-pubin', '-inkey', join(tmp.dir, 'signer.pem.pub'), '-rawin'];
      const ok = spawnSync(
        'openssl',
        [...args, '-in', join(to, 'manifest.json'), '-sigfile', join(tmp.dir, 'manifest.sig.bin')],
        { encoding: 'utf8' },
      );
      expect(ok.stdout).toMatch(/Signature Verified Successfully/);
      const bad = spawnSync(
        'openssl',
        [...args, '-in', join(to, 'SHA256SUMS'), '-sigfile', join(tmp.dir, 'manifest.sig.bin')],
        { encoding: 'utf8' },
      );
      expect(bad.status).not.toBe(0);
    }
    const scored = await cli(
      'score',
      '--ensemble',
      JSON.parse(r.stdout).specPath,
      '--input',
      join(REPO, 'test', 'corpus', 'scoring', 'binary-soft-int', 'data.csv'),
      '--output',
      join(tmp.dir, 'scores.csv'),
    );
    expect(scored.code, scored.stderr).toBe(0);
  });

  it('reports usage errors with exit 2', async () => {
    expect((await cli('bundle')).code).toBe(2);
    expect((await cli('bundle', 'unpack', bundle)).code).toBe(2);
    expect((await cli('bundle', 'open', bundle)).stderr).toMatch(/--to is required/);
  });
});
