/**
 * Ed25519 keys and signatures over manifest.json's exact bytes (node:crypto). A key file that is
 * not Ed25519, or not a key at all, is refused with its path in the message.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { StudioError } from '../../contract/errors';

/** sha256 of the public key's DER (SubjectPublicKeyInfo), hex: what people compare by phone. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

async function readKeyFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    throw new StudioError('not_found', `${path}: no such ${what} file`, { file: path });
  }
}

function requireEd25519(key: KeyObject, path: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new StudioError(
      'bad_input',
      `${path}: an ${key.asymmetricKeyType ?? 'unknown'} key; bundles are signed with Ed25519 keys (make one with 'bundle keygen')`,
      { file: path },
    );
  }
  return key;
}

export async function loadPrivateKey(path: string): Promise<KeyObject> {
  const pem = await readKeyFile(path, 'private key');
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new StudioError(
      'bad_input',
      `${path}: not a private key in PEM form`,
      { file: path },
      error instanceof Error ? error.message : String(error),
    );
  }
  return requireEd25519(key, path);
}

/** A public key (PEM); a private key's file is accepted too, its public half is used. */
export async function loadPublicKey(path: string): Promise<KeyObject> {
  const pem = await readKeyFile(path, 'public key');
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new StudioError(
      'bad_input',
      `${path}: not a public key in PEM form`,
      { file: path },
      error instanceof Error ? error.message : String(error),
    );
  }
  return requireEd25519(key, path);
}

/** The signature as manifest.sig holds it: base64 of the 64 signature bytes, one line. */
export function signManifest(manifestBytes: Buffer, privateKey: KeyObject): string {
  return sign(null, manifestBytes, privateKey).toString('base64') + '\n';
}

export function signatureMatches(
  manifestBytes: Buffer,
  signatureText: string,
  publicKey: KeyObject,
): boolean {
  const signature = Buffer.from(signatureText.trim(), 'base64');
  if (signature.length !== 64) return false;
  return verify(null, manifestBytes, publicKey, signature);
}
