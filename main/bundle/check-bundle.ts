/**
 * One pass over a bundle that checks everything: the zip's directory (names, links, sizes), the
 * manifest, the signature when a key is given, SHA256SUMS, and every file's sha256 and size
 * against the manifest, with no file in the zip that the manifest does not list. With `extractTo`
 * (a fresh folder the caller owns) each file is written there as it is hashed; the caller keeps
 * the folder only when the result is ok.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { ZipFile } from 'yauzl';
import {
  BundleManifestSchema,
  type BundleManifest,
  type BundleProblem,
  type BundleVerification,
  type SignatureStatus,
} from '../../contract/bundle-types';
import { checksumsText } from './checksums';
import { CHECKSUMS_NAME, MANIFEST_NAME, SIGNATURE_NAME } from './entry-names';
import { keyFingerprint, signatureMatches } from './signing';
import {
  ByteBudget,
  DEFAULT_LIMITS,
  openZip,
  readSmallEntry,
  streamEntry,
  type BundleLimits,
  type ZipEntryInfo,
} from './zip-reader';

export interface CheckOptions {
  publicKey?: KeyObject;
  limits?: BundleLimits;
  /** An existing empty folder to extract into while checking. */
  extractTo?: string;
}

const OWN_FILES = new Set([MANIFEST_NAME, SIGNATURE_NAME, CHECKSUMS_NAME]);

export async function checkBundle(path: string, options: CheckOptions = {}): Promise<BundleVerification> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const opened = await openZip(path, limits);
  const problems: BundleProblem[] = [...opened.problems];
  const fingerprint = options.publicKey ? keyFingerprint(options.publicKey) : null;
  const result = (
    manifest: BundleManifest | null,
    status: SignatureStatus,
    files: BundleVerification['files'],
  ) => ({
    path,
    ok: problems.length === 0,
    manifest,
    signature: { status, keyFingerprint: fingerprint },
    problems,
    files,
  });
  try {
    // Nothing is read, let alone written, from a zip whose directory is unsafe.
    if (problems.length > 0) return result(null, 'not-checked', []);
    const byName = new Map(opened.entries.map((e) => [e.name, e]));
    const budget = new ByteBudget(limits.maxTotalBytes);

    const manifestEntry = byName.get(MANIFEST_NAME);
    if (!manifestEntry) {
      problems.push({ file: MANIFEST_NAME, message: 'missing: this is not an ensemble bundle' });
      return result(null, 'not-checked', []);
    }
    const manifestBytes = await readSmallEntry(opened.zip, manifestEntry, budget);
    const manifest = parseManifest(manifestBytes, problems);
    if (!manifest) return result(null, 'not-checked', []);

    const status = await checkSignature(
      opened.zip,
      byName.get(SIGNATURE_NAME),
      manifestBytes,
      options.publicKey,
      budget,
      problems,
    );
    await checkChecksums(opened.zip, byName.get(CHECKSUMS_NAME), manifest, manifestBytes, budget, problems);
    if (!manifest.files.some((f) => f.path === manifest.ensemble.specPath && f.role === 'spec')) {
      problems.push({
        file: MANIFEST_NAME,
        message: `the spec ${manifest.ensemble.specPath} is not among its files`,
      });
    }
    if (options.extractTo) {
      for (const own of [MANIFEST_NAME, CHECKSUMS_NAME, SIGNATURE_NAME]) {
        const entry = byName.get(own);
        if (entry) await copyEntry(opened.zip, entry, budget, options.extractTo, problems);
      }
    }
    const files = await checkFiles(opened.zip, opened.entries, manifest, budget, options.extractTo, problems);
    return result(manifest, status, files);
  } finally {
    opened.zip.close();
  }
}

function parseManifest(bytes: Buffer, problems: BundleProblem[]): BundleManifest | null {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    problems.push({
      file: MANIFEST_NAME,
      message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    });
    return null;
  }
  const parsed = BundleManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    problems.push({
      file: MANIFEST_NAME,
      message: `not a bundle manifest: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
    });
    return null;
  }
  return parsed.data;
}

async function checkSignature(
  zip: ZipFile,
  entry: ZipEntryInfo | undefined,
  manifestBytes: Buffer,
  publicKey: KeyObject | undefined,
  budget: ByteBudget,
  problems: BundleProblem[],
): Promise<SignatureStatus> {
  if (!entry) {
    if (publicKey)
      problems.push({
        file: SIGNATURE_NAME,
        message: 'the bundle is not signed, but a key was given to check its signature with',
      });
    return 'unsigned';
  }
  if (!publicKey) return 'not-checked';
  const text = (await readSmallEntry(zip, entry, budget, 4096)).toString('utf8');
  if (signatureMatches(manifestBytes, text, publicKey)) return 'valid';
  problems.push({
    file: SIGNATURE_NAME,
    message: `the signature does not match the key ${keyFingerprint(publicKey).slice(0, 16)}…: wrong key, or the manifest was changed`,
  });
  return 'invalid';
}

async function checkChecksums(
  zip: ZipFile,
  entry: ZipEntryInfo | undefined,
  manifest: BundleManifest,
  manifestBytes: Buffer,
  budget: ByteBudget,
  problems: BundleProblem[],
): Promise<void> {
  if (!entry) {
    problems.push({ file: CHECKSUMS_NAME, message: 'missing' });
    return;
  }
  const expected = checksumsText(manifest.files, createHash('sha256').update(manifestBytes).digest('hex'));
  const found = (await readSmallEntry(zip, entry, budget)).toString('utf8');
  if (found !== expected)
    problems.push({ file: CHECKSUMS_NAME, message: 'its lines differ from the manifest' });
}

async function checkFiles(
  zip: ZipFile,
  entries: readonly ZipEntryInfo[],
  manifest: BundleManifest,
  budget: ByteBudget,
  extractTo: string | undefined,
  problems: BundleProblem[],
): Promise<BundleVerification['files']> {
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const found = new Map<string, boolean>();
  for (const entry of entries) {
    if (OWN_FILES.has(entry.name)) continue;
    if (entry.directory) {
      if (extractTo) await mkdir(targetIn(extractTo, entry.name), { recursive: true });
      continue;
    }
    const file = listed.get(entry.name);
    if (!file) {
      problems.push({ file: entry.name, message: 'not listed in the manifest' });
      continue;
    }
    const streamed = extractTo
      ? await copyEntry(zip, entry, budget, extractTo, problems)
      : await hashEntry(zip, entry, budget, problems);
    if (!streamed) {
      found.set(file.path, false);
      continue;
    }
    const sameSize = streamed.bytes === file.size;
    const sameHash = streamed.sha256 === file.sha256;
    if (!sameSize)
      problems.push({
        file: file.path,
        message: `${streamed.bytes} bytes, but the manifest says ${file.size}`,
      });
    else if (!sameHash)
      problems.push({
        file: file.path,
        message: "its sha256 differs from the manifest's: the file was changed",
      });
    found.set(file.path, sameSize && sameHash);
  }
  for (const file of manifest.files) {
    if (!found.has(file.path) && !problems.some((p) => p.file === file.path)) {
      problems.push({ file: file.path, message: 'listed in the manifest but missing from the zip' });
    }
  }
  return manifest.files.map((f) => ({
    path: f.path,
    role: f.role,
    size: f.size,
    ok: found.get(f.path) === true,
  }));
}

async function hashEntry(zip: ZipFile, entry: ZipEntryInfo, budget: ByteBudget, problems: BundleProblem[]) {
  try {
    return await streamEntry(zip, entry, budget);
  } catch (error) {
    problems.push({
      file: entry.name,
      message: `could not be read (${error instanceof Error ? error.message : String(error)})`,
    });
    return null;
  }
}

/** Where an entry lands under `root`; a name that would leave it is a bug upstream, never written. */
function targetIn(root: string, name: string): string {
  const target = resolve(root, ...name.replace(/\/$/, '').split('/'));
  if (!target.startsWith(resolve(root) + sep)) throw new Error(`${name}: would be written outside ${root}`);
  return target;
}

async function copyEntry(
  zip: ZipFile,
  entry: ZipEntryInfo,
  budget: ByteBudget,
  root: string,
  problems: BundleProblem[],
) {
  const target = targetIn(root, entry.name);
  await mkdir(join(target, '..'), { recursive: true });
  // 'wx': a file that is already there (two names for one file) is never written through.
  const handle = await open(target, 'wx');
  try {
    return await streamEntry(zip, entry, budget, async (chunk) => {
      await handle.write(chunk);
    });
  } catch (error) {
    problems.push({
      file: entry.name,
      message: `could not be read (${error instanceof Error ? error.message : String(error)})`,
    });
    return null;
  } finally {
    await handle.close();
  }
}
