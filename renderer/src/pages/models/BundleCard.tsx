/**
 * The Models page's bundle card: an ensemble bundle (.esb) chosen by dialog, dropped on the card or
 * typed, verified with an optional public key; the verification shown in full, and the bundle
 * imported from here when it passed.
 */
import { useState } from 'react';
import type { BundleVerification } from '../../../../contract/bundle-types';
import { ErrorBox } from '../../components/ErrorBox';
import { PathField } from '../../components/PathField';
import { getStudio, isDesktop } from '../../studio';
import { useFileDrop } from '../../components/useFileDrop';
import { errorPayload, type ErrorPayload } from '../../types';
import { BundleFilesTable } from './BundleFilesTable';
import { BundleImport } from './BundleImport';
import { BundleProblems } from './BundleProblems';
import { BundleSummary } from './BundleSummary';
import { isBundleFileName, type VerifiedRequest } from './bundleText';

interface Checked {
  request: VerifiedRequest;
  result: BundleVerification;
}

export function BundleCard() {
  const [bundlePath, setBundlePath] = useState('');
  const [keyPath, setKeyPath] = useState('');
  const [verifying, setVerifying] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const { dragging, dropHandlers } = useFileDrop((paths) => {
    const dropped = paths.find(isBundleFileName);
    if (dropped) chooseBundle(dropped);
  });

  async function verify(path: string, publicKey: string) {
    const request = { path: path.trim(), publicKey: publicKey.trim() };
    if (!request.path) return;
    setVerifying(true);
    setError(null);
    setChecked(null);
    try {
      const result = await getStudio()['bundles.verify']({
        path: request.path,
        ...(request.publicKey ? { publicKey: request.publicKey } : {}),
      });
      setChecked({ request, result });
    } catch (e) {
      setError(errorPayload(e));
    } finally {
      setVerifying(false);
    }
  }

  function chooseBundle(path: string) {
    setBundlePath(path);
    void verify(path, keyPath);
  }

  /** In the desktop app a key comes from the dialog, complete: the bundle is verified with it at once. */
  function chooseKey(path: string) {
    setKeyPath(path);
    if (isDesktop() && bundlePath.trim()) void verify(bundlePath, path);
  }

  return (
    <div
      className={`card drop-zone bundle-card${dragging ? ' dragging' : ''}`}
      data-testid="bundle-card"
      {...dropHandlers}
    >
      <h2>Open an ensemble bundle</h2>
      <PathField
        label="Bundle (.esb)"
        value={bundlePath}
        onChange={setBundlePath}
        action="Verify"
        onAction={chooseBundle}
        busy={verifying}
        mode="open"
        kind="bundle"
        placeholder="/path/to/ensemble.esb"
        hint={
          isDesktop()
            ? 'Or drop a .esb file here. Every file is checked against the manifest before anything is extracted.'
            : 'Every file is checked against the manifest before anything is extracted.'
        }
        name="bundle-path"
      />
      <PathField
        label="Public key of the sender (optional, .pub)"
        value={keyPath}
        onChange={chooseKey}
        mode="open"
        kind="publicKey"
        placeholder="/path/to/key.pem.pub"
        hint="With the key, the signature is checked too; without it, a signed bundle's signature is not checked."
        name="bundle-key"
      />
      {keyPath && isDesktop() ? (
        <button type="button" className="link" onClick={() => chooseKey('')}>
          Verify without a key
        </button>
      ) : null}
      {error ? <ErrorBox error={error} title="Bundle" /> : null}
      {checked ? (
        <section className="bundle-verification" aria-label="Verification" data-testid="bundle-verification">
          <BundleSummary verification={checked.result} />
          <BundleProblems problems={checked.result.problems} />
          <BundleFilesTable verification={checked.result} />
          <BundleImport
            verification={checked.result}
            verified={checked.request}
            current={{ path: bundlePath, publicKey: keyPath }}
          />
        </section>
      ) : null}
    </div>
  );
}
