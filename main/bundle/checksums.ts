/**
 * The two plain-text files that let a bundle be checked without this app: SHA256SUMS in the
 * format `sha256sum -c` reads, and README.txt saying how.
 */
import type { BundleFile } from '../../contract/bundle-types';
import { CHECKSUMS_NAME, MANIFEST_NAME, SIGNATURE_NAME } from './entry-names';

/**
 * `<hex>  <path>` lines for every file the manifest lists, then manifest.json itself: the
 * manifest's signature thereby covers every line. Names are ours (letters, digits, `._-/`), so
 * none needs sha256sum's escaping.
 */
export function checksumsText(
  files: readonly Pick<BundleFile, 'path' | 'sha256'>[],
  manifestSha256: string,
): string {
  const lines = files.map((f) => `${f.sha256}  ${f.path}`);
  lines.push(`${manifestSha256}  ${MANIFEST_NAME}`);
  return lines.join('\n') + '\n';
}

export function readmeText(ensembleName: string, signed: boolean): string {
  return `Ensemble bundle: ${ensembleName}
Made by Ensemble Studio. This zip holds the ensemble's spec (with paths relative to this folder),
every member model, and ${MANIFEST_NAME}: each file's sha256 and size, the app and ONNX Runtime
versions, the spec's content hash, and who made it and when.

Checking it without Ensemble Studio
-----------------------------------
1. Unzip it into an empty folder and go there:
     unzip BUNDLE.esb -d bundle && cd bundle
2. Check every file against ${CHECKSUMS_NAME} (it lists ${MANIFEST_NAME} too):
     sha256sum -c ${CHECKSUMS_NAME}
   Every line must say OK. On macOS: shasum -a 256 -c ${CHECKSUMS_NAME}
   ${CHECKSUMS_NAME}'s own lines must match ${MANIFEST_NAME}: the app checks that both agree.
${
  signed
    ? `3. This bundle is signed: ${SIGNATURE_NAME} is the Ed25519 signature (base64) of ${MANIFEST_NAME}'s
   exact bytes. With the signer's public key (PEM) and OpenSSL 3:
     base64 -d ${SIGNATURE_NAME} > ${SIGNATURE_NAME}.bin
     openssl pkeyutl -verify -pubin -inkey signer.pub -rawin -in ${MANIFEST_NAME} -sigfile ${SIGNATURE_NAME}.bin
   It must print "Signature Verified Successfully". Compare the key's fingerprint with the signer
   by another channel (phone, paper): sha256 of its DER,
     openssl pkey -pubin -in signer.pub -outform DER | sha256sum
`
    : `3. This bundle is not signed: the checks above show it is whole, not who made it.
`
}
With Ensemble Studio: ensemble-studio bundle verify BUNDLE.esb [--key signer.pub]
`;
}
