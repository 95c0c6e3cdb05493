/** The builder's spec file: save the draft (asking before replacing another file), or open one. */
import { useState } from 'react';
import { importMemberModels, openSpec } from '../../actions';
import { weightProblems } from '../../builder/weights';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorBox } from '../../components/ErrorBox';
import { PathField } from '../../components/PathField';
import { draftToSpec, rebaseForSave, resolvedModelPath } from '../../draft';
import { basename, dirname, join } from '../../paths';
import { useStore } from '../../store';
import { desktop, getStudio } from '../../studio';
import { errorPayload, type ErrorPayload } from '../../types';
import { mayReplaceDraft } from '../../workspace/discard';

/** "my-ensemble" from "My ensemble": a file name the save dialog suggests. */
function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'my'
  );
}

export function SpecFileCard() {
  const { state, dispatch } = useStore();
  const confirm = useConfirm();
  const { draft } = state;
  // Kept in the store: the field survives leaving the page, a reload and a restart.
  const specPath = state.specPathInput ?? draft.specPath;
  const setSpecPath = (path: string | null) => dispatch({ type: 'specPathInput', path });
  const [fileError, setFileError] = useState<ErrorPayload | null>(null);
  const [fileNote, setFileNote] = useState('');
  const badWeights = weightProblems(draft.members);

  async function save(path: string, replace = false): Promise<void> {
    setFileError(null);
    setFileNote('');
    // Saving again to the file this draft came from updates it; any other existing file is asked about.
    const overwrite = replace || (draft.specPath !== '' && path.trim() === draft.specPath);
    try {
      const rebased = rebaseForSave(draft, path);
      const saved = await getStudio()['ensembles.save']({ path, spec: draftToSpec(rebased), overwrite });
      dispatch({ type: 'draft', draft: { ...rebased, specPath: saved.path, dirty: false }, keepClean: true });
      setSpecPath(saved.path);
      setFileNote(`Saved to ${saved.path}`);
    } catch (e) {
      const problem = errorPayload(e);
      if (!overwrite && /already exists/i.test(problem.message)) {
        const ok = await confirm({
          title: 'Replace the existing file?',
          message: (
            <p>
              <span className="mono break">{path}</span> already exists. Saving replaces it with this
              ensemble.
            </p>
          ),
          action: 'Replace',
        });
        if (ok) await save(path, true);
        return;
      }
      setFileError(problem);
    }
  }

  async function open(path: string) {
    setFileError(null);
    setFileNote('');
    if (!(await mayReplaceDraft(confirm, draft, `Opening ${basename(path)}`))) return;
    try {
      const next = await openSpec(dispatch, path);
      setSpecPath(next.specPath);
      setFileNote(`Opened ${next.specPath}`);
      await importMemberModels(dispatch, state.models, next);
    } catch (e) {
      setFileError(errorPayload(e));
    }
  }

  return (
    <div className="card">
      <h2>Spec file</h2>
      <PathField
        label="Ensemble spec (*.ensemble.json)"
        value={specPath}
        onChange={setSpecPath}
        mode="save"
        kind="ensemble"
        defaultName={`${fileSlug(draft.name)}.ensemble.json`}
        placeholder={
          draft.members[0]
            ? join(dirname(resolvedModelPath(draft, draft.members[0])), 'my.ensemble.json')
            : '/path/to/my.ensemble.json'
        }
        name="spec-path"
      />
      <div className="button-row">
        <button
          type="button"
          onClick={() => void save(specPath)}
          disabled={!specPath.trim() || draft.members.length === 0 || badWeights.length > 0}
        >
          Save
        </button>
        {badWeights.length ? (
          <span className="error-text" data-testid="save-blocked">
            Fix the weights before saving.
          </span>
        ) : null}
        <button
          type="button"
          className="secondary"
          onClick={() => void open(specPath)}
          disabled={!specPath.trim()}
        >
          Open
        </button>
        {desktop() ? (
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              const picked = await desktop()?.openFile({ kind: 'ensemble' });
              if (picked) void open(picked);
            }}
          >
            Open file…
          </button>
        ) : null}
        {fileNote ? (
          <span className="ok-text" role="status">
            {fileNote}
          </span>
        ) : null}
      </div>
      {fileError ? <ErrorBox error={fileError} title="Spec file" /> : null}
      <details>
        <summary>Spec as JSON</summary>
        <pre className="json">{JSON.stringify(draftToSpec(draft), null, 2)}</pre>
      </details>
    </div>
  );
}
