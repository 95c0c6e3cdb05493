/**
 * Ensemble bundles (`bundle create|verify|open|keygen`): one zip a standard unzip reads, with a
 * manifest of every file's sha256 and an optional Ed25519 signature over the manifest.
 */

export const BUNDLE_FORMAT = 'ensemble-studio/bundle@1';

export interface BundleFile {
  /** Path inside the zip, forward slashes. */
  path: string;
  sha256: string;
  size: number;
  role: 'spec' | 'model' | 'fused' | 'report' | 'readme';
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  ensemble: { name: string; task: string; specHash: string; specPath: string };
  files: BundleFile[];
  appVersion: string;
  onnxruntimeVersion: string;
  createdAt: string;
  createdBy: string;
}

export type SignatureStatus = 'valid' | 'invalid' | 'unsigned' | 'not-checked';

export interface BundleVerification {
  path: string;
  ok: boolean;
  manifest: BundleManifest | null;
  signature: { status: SignatureStatus; keyFingerprint: string | null };
  /** Each problem names the file inside the bundle it is about (null: the bundle as a whole). */
  problems: { file: string | null; message: string }[];
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
}

export interface BundleKeyPair {
  privateKey: string;
  publicKey: string;
  /** sha256 of the public key's DER, hex, for people to compare. */
  fingerprint: string;
}
