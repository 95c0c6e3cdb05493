/**
 * What the bundle card says about a verification: the signature in words, one row per file with
 * its hash and problem, and why Import is not possible. Pure, for testing.
 */
import type { BundleFile, BundleVerification, SignatureStatus } from '../../../../contract/bundle-types';

/** A file that may be an ensemble bundle, by name: the open dialog's filter, for dropped files. */
export function isBundleFileName(name: string): boolean {
  return /\.(esb|zip)$/i.test(name);
}

export type Tone = 'ok' | 'bad' | 'warn';

export interface SignatureText {
  label: string;
  tone: Tone;
  detail: string;
}

const SIGNATURE_LABEL: Readonly<Record<SignatureStatus, string>> = {
  valid: 'valid',
  invalid: 'invalid',
  unsigned: 'unsigned',
  'not-checked': 'not checked',
};

/** The signature's status in words, with what it means for trusting the bundle. */
export function signatureText(signature: BundleVerification['signature']): SignatureText {
  const key = signature.keyFingerprint ? `the key ${signature.keyFingerprint}` : 'the key given';
  const label = SIGNATURE_LABEL[signature.status];
  switch (signature.status) {
    case 'valid':
      return { label, tone: 'ok', detail: `Signed with ${key}: the manifest is exactly as signed.` };
    case 'invalid':
      return {
        label,
        tone: 'bad',
        detail: `The signature does not match ${key}: a wrong key, or the manifest was changed after signing.`,
      };
    case 'unsigned':
      return {
        label,
        tone: 'warn',
        detail: 'Not signed: the hashes show the files match the manifest, not who made it.',
      };
    case 'not-checked':
      return {
        label,
        tone: 'warn',
        detail: "Signed, but not checked: choose the sender's public key (.pub) and verify again.",
      };
  }
}

export interface BundleFileRow {
  path: string;
  role: BundleFile['role'];
  size: number;
  /** The manifest's sha256 for it; null when the manifest could not be read. */
  sha256: string | null;
  ok: boolean;
  /** What is wrong with it, the engine's words; several joined. */
  problem: string | null;
}

/** One row per file the manifest lists, with its sha256 from the manifest and its problems. */
export function bundleFileRows(verification: BundleVerification): BundleFileRow[] {
  const hashes = new Map((verification.manifest?.files ?? []).map((f) => [f.path, f.sha256]));
  return verification.files.map((f) => {
    const messages = verification.problems.filter((p) => p.file === f.path).map((p) => p.message);
    return {
      path: f.path,
      role: f.role,
      size: f.size,
      sha256: hashes.get(f.path) ?? null,
      ok: f.ok && messages.length === 0,
      problem: messages.length ? messages.join('; ') : null,
    };
  });
}

/** A problem in a line: the file inside the bundle it is about, then what is wrong. */
export function problemLine(problem: BundleVerification['problems'][number]): string {
  return problem.file ? `${problem.file}: ${problem.message}` : `The bundle: ${problem.message}`;
}

/** The request a verification answered: what Import would extract, checked with which key. */
export interface VerifiedRequest {
  path: string;
  publicKey: string;
}

/**
 * Why Import is not possible now, in words; null when it is. Import extracts what was verified,
 * so a failed verification, a different bundle or key than the one verified, or no folder stops it.
 */
export function importBlockedReason(
  verification: BundleVerification,
  verified: VerifiedRequest,
  current: VerifiedRequest,
  folder: string,
): string | null {
  if (!verification.ok) {
    const count = verification.problems.length;
    const first = verification.problems[0];
    return (
      `The bundle failed verification (${count} ${count === 1 ? 'problem' : 'problems'}` +
      `${first ? `, first: ${problemLine(first)}` : ''}): nothing in it can be imported.`
    );
  }
  if (current.path.trim() !== verified.path || current.publicKey.trim() !== verified.publicKey)
    return 'The bundle or the key changed since the verification below: verify again.';
  if (!folder.trim()) return 'Choose a new or empty folder to import into.';
  return null;
}
