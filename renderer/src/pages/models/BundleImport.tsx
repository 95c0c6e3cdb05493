/**
 * Importing a verified bundle: extract it into a new or empty folder (the engine verifies again
 * and refuses any other), then open its spec in the builder as opening a spec file does, with its
 * models in the Models list.
 */
import { useState } from 'react';
import type { BundleVerification } from '../../../../contract/bundle-types';
import { importMemberModels, openSpec } from '../../actions';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorBox } from '../../components/ErrorBox';
import { PathField } from '../../components/PathField';
import { basename } from '../../paths';
import { useStore } from '../../store';
import { getStudio } from '../../studio';
import { errorPayload, type ErrorPayload } from '../../types';
import { mayReplaceDraft } from '../../workspace/discard';
import { importBlockedReason, type VerifiedRequest } from './bundleText';

interface Props {
  verification: BundleVerification;
  /** The bundle and key the verification was made with: what is extracted. */
  verified: VerifiedRequest;
  /** The bundle and key fields now. */
  current: VerifiedRequest;
}

export function BundleImport({ verification, verified, current }: Props) {
  const { state, dispatch } = useStore();
  const confirm = useConfirm();
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [imported, setImported] = useState<{ folder: string; name: string } | null>(null);
  const blocked = importBlockedReason(verification, verified, current, folder);

  async function runImport() {
    setError(null);
    setImported(null);
    if (!(await mayReplaceDraft(confirm, state.draft, `Importing ${basename(verified.path)}`))) return;
    setBusy(true);
    try {
      const opened = await getStudio()['bundles.open']({
        path: verified.path,
        to: folder.trim(),
        ...(verified.publicKey ? { publicKey: verified.publicKey } : {}),
      });
      const draft = await openSpec(dispatch, opened.specPath);
      setImported({ folder: opened.folder, name: draft.name });
      await importMemberModels(dispatch, state.models, draft);
    } catch (e) {
      setError(errorPayload(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="bundle-import">
      <h3>Import</h3>
      <PathField
        label="Folder to import into (new or empty)"
        value={folder}
        onChange={setFolder}
        mode="folder"
        placeholder="/path/to/new-folder"
        name="bundle-folder"
      />
      <div className="button-row">
        <button type="button" onClick={() => void runImport()} disabled={busy || blocked !== null}>
          {busy ? 'Importing…' : 'Import'}
        </button>
        {blocked ? (
          <span className={verification.ok ? 'hint' : 'error-text'} data-testid="import-blocked">
            {blocked}
          </span>
        ) : null}
        {imported ? (
          <span className="ok-text" role="status">
            Imported into {imported.folder}: “{imported.name}” is open in the builder.{' '}
            <button
              type="button"
              className="link"
              onClick={() => dispatch({ type: 'navigate', page: 'ensemble' })}
            >
              Go to Ensemble
            </button>
          </span>
        ) : null}
      </div>
      {error ? <ErrorBox error={error} title="Import" /> : null}
    </div>
  );
}
