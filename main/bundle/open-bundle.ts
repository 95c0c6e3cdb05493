/**
 * Verifying and opening bundles. `openBundle` extracts into a hidden staging folder beside the
 * chosen one while checking, and renames it into place only when every check passed: a bundle
 * that fails leaves nothing behind, and nothing is ever written outside the staging folder.
 */
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { StudioError } from '../../contract/errors';
import type { BundleManifest, BundleOpened, BundleVerification } from '../../contract/bundle-types';
import { tempPathFor } from '../jobs/atomic-output';
import { checkBundle } from './check-bundle';
import { loadPublicKey } from './signing';
import type { BundleLimits } from './zip-reader';

export interface BundleReadOptions {
  /** The signer's public key (PEM file): the signature must then be valid. */
  publicKey?: string;
  limits?: BundleLimits;
}

async function requireFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new StudioError('not_found', `${path}: no such bundle file`, { file: path });
}

export async function verifyBundle(
  path: string,
  options: BundleReadOptions = {},
): Promise<BundleVerification> {
  await requireFile(path);
  const publicKey = options.publicKey ? await loadPublicKey(options.publicKey) : undefined;
  return checkBundle(path, {
    ...(publicKey ? { publicKey } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
}

/** A failed check as an error: the first problem's file and words, and how many more there are. */
export function verificationError(result: BundleVerification): StudioError {
  const first = result.problems[0] ?? { file: null, message: 'it failed verification' };
  const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more problems)` : '';
  const where = first.file ? `${first.file}: ` : '';
  return new StudioError('bad_input', `${result.path}: ${where}${first.message}${more}`, {
    file: result.path,
    ...(first.file ? { field: first.file } : {}),
  });
}

/**
 * Verifies and extracts `path` into `to`, which must not exist or be an empty folder (its parent
 * must exist). Throws naming the first problem; on success `to` holds exactly the bundle's files.
 */
export async function openBundle(
  path: string,
  to: string,
  options: BundleReadOptions = {},
): Promise<BundleOpened> {
  await requireFile(path);
  const folder = resolve(to);
  const parent = await stat(dirname(folder)).catch(() => null);
  if (!parent?.isDirectory()) {
    throw new StudioError('bad_input', `${to}: the folder ${dirname(folder)} does not exist`, { file: to });
  }
  const existing = await stat(folder).catch(() => null);
  if (existing && (!existing.isDirectory() || (await readdir(folder)).length > 0)) {
    throw new StudioError(
      'bad_input',
      `${to}: already exists and is not an empty folder: choose a new folder to open the bundle into`,
      { file: to },
    );
  }
  const publicKey = options.publicKey ? await loadPublicKey(options.publicKey) : undefined;
  const staging = tempPathFor(folder);
  await mkdir(staging);
  try {
    const result = await checkBundle(path, {
      extractTo: staging,
      ...(publicKey ? { publicKey } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    if (!result.ok || !result.manifest) throw verificationError(result);
    if (existing) await rmdir(folder);
    await rename(staging, folder);
    return { ...result, folder, specPath: join(folder, ...result.manifest.ensemble.specPath.split('/')) };
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

export interface TempBundle {
  specPath: string;
  folder: string;
  manifest: BundleManifest;
  verification: BundleVerification;
  /** Removes the extracted folder. */
  cleanup(): Promise<void>;
}

/** Verifies and extracts a bundle into a fresh private temp folder: for serving or scoring it. */
export async function openBundleToTemp(path: string, publicKey?: string): Promise<TempBundle> {
  const holder = await mkdtemp(join(tmpdir(), 'ensemble-bundle-'));
  const cleanup = () => rm(holder, { recursive: true, force: true });
  try {
    const opened = await openBundle(path, join(holder, safeFolderName(path)), publicKey ? { publicKey } : {});
    return {
      specPath: opened.specPath,
      folder: opened.folder,
      manifest: opened.manifest!,
      verification: opened,
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function safeFolderName(path: string): string {
  return (
    basename(path)
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^\.+/, '') || 'bundle'
  );
}
