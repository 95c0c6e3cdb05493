/**
 * One run in full: what ran on what, how it ended, its members and metrics; re-run it or open the
 * ensemble it produced (asking first when that would replace unsaved work in the builder).
 */
import { useEffect, useState } from 'react';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorBox } from '../../components/ErrorBox';
import { KeyValue } from '../../components/KeyValue';
import { Warnings } from '../../components/Warnings';
import { specToDraft } from '../../draft';
import { fmtDate, fmtDateLong, fmtInt, fmtValue, shortHash } from '../../format';
import { isAbsolute, join } from '../../paths';
import { useStore } from '../../store';
import { getStudio } from '../../studio';
import { mayReplaceDraft } from '../../workspace/discard';
import {
  PROVIDERS,
  errorPayload,
  isObject,
  num,
  str,
  type EnsembleSpec,
  type ErrorPayload,
  type Provider,
  type RunDetail,
} from '../../types';
import { ensembleText, statusText } from './runText';
import { RunMembers, RunMetrics } from './RunTables';

export function RunDetailView({ id, onClose }: { id: number; onClose: () => void }) {
  const { state, dispatch } = useStore();
  const [run, setRun] = useState<RunDetail | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const confirm = useConfirm();

  useEffect(() => {
    let live = true;
    getStudio()
      ['history.show']({ id })
      .then((r) => live && setRun(r))
      .catch((e) => live && setError(errorPayload(e)));
    return () => {
      live = false;
    };
  }, [id, state.historyVersion]);

  if (error) return <ErrorBox error={error} title={`Run #${id}`} />;
  if (!run) return <p className="muted">Loading run #{id}…</p>;
  const summary = run;
  const params = run.params;
  const metrics = run.metrics;
  const members = run.members;
  const runError = run.error;
  const ensemble = run.ensemble;
  const warnings = run.warnings;

  const produced = run.producedVersion;
  async function openProduced() {
    if (
      !produced ||
      !(await mayReplaceDraft(confirm, state.draft, `Opening ${produced.name} v${produced.versionNumber}`))
    )
      return;
    dispatch({ type: 'draft', draft: specToDraft(produced.spec, produced.specPath ?? ''), keepClean: true });
    dispatch({ type: 'navigate', page: 'ensemble' });
  }

  async function rerun() {
    if (!(await mayReplaceDraft(confirm, state.draft, `Re-running run #${id}`))) return;
    // The ensemble: as the run was given it (a spec file or an inline spec), else the recorded version.
    const source = isObject(params.ensemble) ? params.ensemble : null;
    const specPath = str(source?.specPath) ?? null;
    try {
      if (specPath) {
        const loaded = await getStudio()['ensembles.load']({ path: specPath });
        dispatch({ type: 'draft', draft: specToDraft(loaded.spec, loaded.path), keepClean: true });
      } else {
        const spec = (isObject(source?.spec) ? source.spec : ensemble?.spec) as EnsembleSpec | undefined;
        const baseDir = str(source?.baseDir) ?? '';
        if (spec && isObject(spec) && Array.isArray(spec.members)) {
          const abs = {
            ...spec,
            members: spec.members.map((m) =>
              isAbsolute(m.model) || !baseDir ? m : { ...m, model: join(baseDir, m.model) },
            ),
          };
          dispatch({ type: 'draft', draft: specToDraft(abs, '') });
        }
      }
    } catch (e) {
      setError(errorPayload(e));
      return;
    }
    const provider = (PROVIDERS as string[]).includes(String(params.provider))
      ? (params.provider as Provider)
      : 'cpu';
    const threads = num(params.threads);
    if (summary.kind === 'score') {
      dispatch({
        type: 'runForm',
        patch: {
          input: str(params.input) ?? '',
          output: str(params.output) ?? '',
          provider,
          threads: threads ? String(threads) : '',
          keep: Array.isArray(params.keep) ? params.keep.filter((k) => typeof k === 'string').join(', ') : '',
          keepAll: params.keepAll === true,
          members: params.members === true,
        },
      });
      dispatch({ type: 'navigate', page: 'run' });
    } else {
      dispatch({
        type: 'evaluateForm',
        patch: {
          input: str(params.input) ?? '',
          label: str(params.label) ?? '',
          ...(params.method === 'stacking' || params.method === 'greedy' ? { method: params.method } : {}),
          ...(num(params.size) ? { size: String(params.size) } : {}),
          ...(str(params.output) ? { output: str(params.output) ?? '' } : {}),
        },
      });
      dispatch({ type: 'navigate', page: 'evaluate' });
    }
  }

  return (
    <div className="card detail" aria-labelledby="run-detail-title" data-testid="run-detail">
      <div className="card-head">
        <h2 id="run-detail-title">
          Run #{id} · {summary.kind}{' '}
          <span className={`badge badge-${summary.status}`} data-testid="run-status">
            {statusText(run)}
          </span>
        </h2>
        <div className="button-row">
          <button type="button" onClick={() => void rerun()}>
            Re-run
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      <div className="detail-grid">
        <KeyValue
          rows={[
            { term: 'Started', value: fmtDate(summary.startedAt), title: fmtDateLong(summary.startedAt) },
            { term: 'Finished', value: fmtDate(summary.finishedAt), title: fmtDateLong(summary.finishedAt) },
            {
              term: 'Ensemble',
              testId: 'run-ensemble',
              value: (
                <>
                  {ensembleText(summary)}
                  {str(ensemble?.specPath) ? (
                    <span className="mono small muted"> · {str(ensemble?.specPath)}</span>
                  ) : null}
                </>
              ),
            },
            { term: 'Dataset', value: summary.datasetPath ?? '—', className: 'mono small break' },
            { term: 'Rows', value: `${fmtInt(summary.rows)} at ${fmtInt(summary.rowsPerSec)} rows/s` },
          ]}
        />
        <KeyValue
          rows={[
            {
              term: 'Provider',
              value: `${summary.providerUsed ?? '—'} (asked ${summary.providerRequested ?? '—'}), threads ${fmtValue(run.threads)}`,
            },
            {
              term: 'Versions',
              value: `app ${fmtValue(run.appVersion)} · ONNX Runtime ${fmtValue(run.onnxruntimeVersion)}`,
            },
            { term: 'Output', value: str(run.outputPath) ?? '—', className: 'mono small break' },
            { term: 'Output SHA-256', value: shortHash(str(run.outputSha256), 16), className: 'mono small' },
            produced && {
              term: 'Produced',
              value: (
                <>
                  {str(produced.name) ?? 'ensemble'} v{fmtValue(produced.versionNumber)}{' '}
                  <button type="button" className="link small" onClick={() => void openProduced()}>
                    Open in builder
                  </button>
                </>
              ),
            },
            Boolean(num(run.parentRunId)) && { term: 'Derived from', value: `run #${num(run.parentRunId)}` },
          ]}
        />
      </div>
      {runError && summary.status !== 'cancelled' ? (
        <ErrorBox error={runError} title="The run failed" />
      ) : null}
      <Warnings list={warnings} />
      <RunMembers members={members} />
      <RunMetrics metrics={metrics} />
      <details>
        <summary>Parameters</summary>
        <pre className="json small">{JSON.stringify(params, null, 2)}</pre>
      </details>
    </div>
  );
}
