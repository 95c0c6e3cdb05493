/**
 * Ensemble bundles (`bundle create|verify|open|keygen`): one zip a standard unzip reads, with a
 * manifest of every file's sha256 and an optional Ed25519 signature over the manifest.
 */
import * as z from 'zod';

export const BUNDLE_FORMAT = 'ensemble-studio/bundle@1';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lowercase hex');

export const BundleFileSchema = z.strictObject({
  /** Path inside the zip, forward slashes. */
  path: z.string().min(1),
  sha256: Sha256,
  size: z.number().int().min(0),
  role: z.enum(['spec', 'model', 'fused', 'report', 'readme']),
});
export type BundleFile = z.infer<typeof BundleFileSchema>;

/** manifest.json, read from a bundle that may come from anywhere: parsed, never trusted as is. */
export const BundleManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  ensemble: z.strictObject({
    name: z.string(),
    task: z.string(),
    /** sha256 of the bundled spec's canonical JSON: the history's hash of the same spec. */
    specHash: Sha256,
    specPath: z.string().min(1),
  }),
  files: z.array(BundleFileSchema).min(1),
  appVersion: z.string(),
  onnxruntimeVersion: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

export type SignatureStatus = 'valid' | 'invalid' | 'unsigned' | 'not-checked';

export interface BundleProblem {
  /** The file inside the bundle it is about (null: the bundle as a whole). */
  file: string | null;
  message: string;
}

export interface BundleVerification {
  path: string;
  ok: boolean;
  manifest: BundleManifest | null;
  signature: { status: SignatureStatus; keyFingerprint: string | null };
  /** Each problem names the file inside the bundle it is about (null: the bundle as a whole). */
  problems: BundleProblem[];
  /** Every file the manifest lists, with what was found for it in the zip. */
  files: { path: string; role: BundleFile['role']; size: number; ok: boolean }[];
}

export interface BundleOpened extends BundleVerification {
  folder: string;
  /** The extracted spec, ready to load. */
  specPath: string;
}

export interface BundleCreated {
  path: string;
  sizeBytes: number;
  sha256: string;
  manifest: BundleManifest;
  signed: boolean;
  /** The signing key's fingerprint (sha256 of its public DER, hex), when signed. */
  keyFingerprint: string | null;
}

export interface BundleKeyPair {
  privateKey: string;
  publicKey: string;
  /** sha256 of the public key's DER, hex, for people to compare. */
  fingerprint: string;
}
