/**
 * The reference side: a data file, or an earlier run from the history, whose input file the
 * engine reads again (sent as `run:ID`). Only finished runs that read a file are offered.
 */
import { useEffect, useState } from 'react';
import type { RunSummary } from '../../../../contract/history-types';
import { PathField } from '../../components/PathField';
import { fmtDate } from '../../format';
import { basename } from '../../paths';
import { useStore, type MonitorForm } from '../../store';
import { getStudio } from '../../studio';

/** What the engine is sent as the reference; '' while none is chosen. */
export function referenceOf(form: MonitorForm): string {
  if (form.referenceKind === 'run') return form.referenceRun ? `run:${form.referenceRun}` : '';
  return form.referencePath.trim();
}

function useRunsWithInput(): RunSummary[] {
  const { state } = useStore();
  const [runs, setRuns] = useState<RunSummary[]>([]);
  useEffect(() => {
    let live = true;
    getStudio()
      ['history.list']({ status: 'succeeded', limit: 100 })
      .then((list) => live && setRuns(list.filter((r) => r.datasetPath)))
      .catch(() => live && setRuns([]));
    return () => {
      live = false;
    };
  }, [state.historyVersion]);
  return runs;
}

export function ReferenceChoice({
  form,
  set,
}: {
  form: MonitorForm;
  set: (p: Partial<MonitorForm>) => void;
}) {
  const runs = useRunsWithInput();
  return (
    <div className="reference-choice">
      <fieldset className="radio-group">
        <legend>Reference: the data the ensemble was validated on</legend>
        <label className="check">
          <input
            type="radio"
            name="monitor-reference-kind"
            checked={form.referenceKind === 'file'}
            onChange={() => set({ referenceKind: 'file' })}
          />{' '}
          A data file
        </label>
        <label className="check">
          <input
            type="radio"
            name="monitor-reference-kind"
            checked={form.referenceKind === 'run'}
            onChange={() => set({ referenceKind: 'run' })}
          />{' '}
          An earlier run’s input
        </label>
      </fieldset>
      {form.referenceKind === 'file' ? (
        <PathField
          label="Reference data"
          value={form.referencePath}
          onChange={(referencePath) => set({ referencePath })}
          name="monitor-reference"
          mode="open"
          kind="data"
        />
      ) : (
        <label>
          Earlier run
          <select
            value={form.referenceRun}
            onChange={(e) => set({ referenceRun: e.target.value })}
            aria-label="Earlier run"
            aria-describedby="monitor-reference-run-hint"
          >
            <option value="">{runs.length ? 'Choose a run…' : 'No finished runs in the history yet'}</option>
            {runs.map((r) => (
              <option key={r.id} value={String(r.id)}>
                #{r.id} {r.kind} · {basename(r.datasetPath ?? '')} · {fmtDate(r.startedAt)}
              </option>
            ))}
          </select>
          <span className="hint" id="monitor-reference-run-hint">
            The engine reads that run’s input file again.
          </span>
        </label>
      )}
    </div>
  );
}
