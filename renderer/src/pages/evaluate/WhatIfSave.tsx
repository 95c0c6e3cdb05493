/**
 * "Save as spec…": the changed ensemble the engine returned, written with `ensembles.save`. An
 * existing file is put to the analyst and replaced only on their yes.
 */
import { useState } from 'react';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorBox } from '../../components/ErrorBox';
import { alreadyExists } from '../../components/overwrite';
import { PathField } from '../../components/PathField';
import { getStudio } from '../../studio';
import { errorPayload, type EnsembleSpec, type ErrorPayload } from '../../types';

export function WhatIfSave({ spec, defaultPath }: { spec: EnsembleSpec; defaultPath: string }) {
  const confirm = useConfirm();
  const [path, setPath] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ErrorPayload | null>(null);
  const target = (path || defaultPath).trim();

  async function save(overwrite = false): Promise<void> {
    setError(null);
    setNote('');
    try {
      const saved = await getStudio()['ensembles.save']({ path: target, spec, overwrite });
      setNote(`Saved to ${saved.path}`);
    } catch (e) {
      const problem = errorPayload(e);
      if (!overwrite && alreadyExists(problem)) {
        const yes = await confirm({
          title: 'Replace the existing file?',
          message: (
            <p>
              <span className="mono break">{target}</span> already exists. Saving replaces it with the what-if
              ensemble.
            </p>
          ),
          action: 'Replace',
        });
        if (yes) await save(true);
        return;
      }
      setError(problem);
    }
  }

  return (
    <div className="whatif-save">
      <PathField
        label="Save the what-if ensemble as"
        value={path}
        placeholder={defaultPath || '/path/to/whatif.ensemble.json'}
        onChange={setPath}
        mode="save"
        kind="ensemble"
        defaultName="whatif.ensemble.json"
        name="whatif-save"
      />
      <div className="button-row">
        <button type="button" className="secondary" disabled={!target} onClick={() => void save()}>
          Save as spec…
        </button>
        {note ? (
          <span className="ok-text" role="status">
            {note}
          </span>
        ) : null}
      </div>
      {error ? <ErrorBox error={error} title="Could not save the spec" /> : null}
    </div>
  );
}
