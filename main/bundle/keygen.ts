/**
 * `bundle keygen`: a new Ed25519 key pair. The private key (PKCS#8 PEM) is readable by its owner
 * only; the public key (SPKI PEM) goes beside it as `KEY.pub`. Both are written aside and renamed
 * into place, never over the history or another job's output, and over an existing file only
 * when asked.
 */
import { generateKeyPairSync } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BundleKeyPair } from '../../contract/bundle-types';
import { assertWritableTarget, discardOutput, tempPathFor } from '../jobs/atomic-output';
import { guardOutputs, historyFiles } from '../engine/output-guard';
import { keyFingerprint } from './signing';

export async function generateBundleKey(
  output: string,
  overwrite: boolean,
  historyPath: string,
  busyOutputs: readonly string[],
): Promise<BundleKeyPair> {
  const privatePath = resolve(output);
  const publicPath = `${privatePath}.pub`;
  await assertWritableTarget(privatePath);
  await guardOutputs(
    [
      { given: privatePath, role: 'private key' },
      { given: publicPath, role: 'public key' },
    ],
    [
      ...historyFiles(historyPath),
      ...busyOutputs.map((busy) => ({ path: busy, role: "another running job's output" })),
    ],
    overwrite,
  );
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const privateTemp = tempPathFor(privatePath);
  const publicTemp = tempPathFor(publicPath);
  try {
    await writeFile(privateTemp, privatePem, { mode: 0o600, flag: 'wx' });
    await writeFile(publicTemp, publicPem, { mode: 0o644, flag: 'wx' });
    await rename(privateTemp, privatePath);
    await rename(publicTemp, publicPath);
  } finally {
    await discardOutput(privateTemp);
    await discardOutput(publicTemp);
  }
  return { privateKey: privatePath, publicKey: publicPath, fingerprint: keyFingerprint(publicKey) };
}
