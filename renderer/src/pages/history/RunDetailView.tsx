/**
 * One run in full: what ran on what, how it ended, its members and metrics; re-run it or open the
 * ensemble it produced (asking first when that would replace unsaved work in the builder).
 */
import { useEffect, useState } from 'react';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorBox } from '../../components/ErrorBox';
import { specToDraft } from '../../draft';
import { metricLabel } from '../../evaluation';
import { fmtDate, fmtDateLong, fmtInt, fmtNum, fmtValue, shortHash } from '../../format';
import { basename, isAbsolute, join } from '../../paths';
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
import { scopeName } from './CompareView';
import { ensembleText, statusText } from './runText';

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
  const scopes = [...new Set(metrics.map((m) => m.scope))];
  const metricNames = [...new Set(metrics.map((m) => m.name))];

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
        <dl className="kv">
          <dt>Started</dt>
          <dd title={fmtDateLong(summary.startedAt)}>{fmtDate(summary.startedAt)}</dd>
          <dt>Finished</dt>
          <dd title={fmtDateLong(summary.finishedAt)}>{fmtDate(summary.finishedAt)}</dd>
          <dt>Ensemble</dt>
          <dd data-testid="run-ensemble">
            {ensembleText(summary)}
            {str(ensemble?.specPath) ? (
              <span className="mono small muted"> · {str(ensemble?.specPath)}</span>
            ) : null}
          </dd>
          <dt>Dataset</dt>
          <dd className="mono small break">{summary.datasetPath ?? '—'}</dd>
          <dt>Rows</dt>
          <dd>
            {fmtInt(summary.rows)} at {fmtInt(summary.rowsPerSec)} rows/s
          </dd>
        </dl>
        <dl className="kv">
          <dt>Provider</dt>
          <dd>
            {summary.providerUsed ?? '—'} (asked {summary.providerRequested ?? '—'}), threads{' '}
            {fmtValue(run.threads)}
          </dd>
          <dt>Versions</dt>
          <dd>
            app {fmtValue(run.appVersion)} · ONNX Runtime {fmtValue(run.onnxruntimeVersion)}
          </dd>
          <dt>Output</dt>
          <dd className="mono small break">{str(run.outputPath) ?? '—'}</dd>
          <dt>Output SHA-256</dt>
          <dd className="mono small">{shortHash(str(run.outputSha256), 16)}</dd>
          {produced ? (
            <>
              <dt>Produced</dt>
              <dd>
                {str(produced.name) ?? 'ensemble'} v{fmtValue(produced.versionNumber)}{' '}
                <button type="button" className="link small" onClick={() => void openProduced()}>
                  Open in builder
                </button>
              </dd>
            </>
          ) : null}
          {num(run.parentRunId) ? (
            <>
              <dt>Derived from</dt>
              <dd>run #{num(run.parentRunId)}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {runError && summary.status !== 'cancelled' ? (
        <ErrorBox error={runError} title="The run failed" />
      ) : null}
      {warnings.length ? (
        <ul className="warnings">
          {warnings.map((w, i) => (
            <li key={i} className="warning-text">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      {members.length ? (
        <>
          <h3>Members</h3>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col">Model</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m, i) => (
                <tr key={i}>
                  <td>{fmtValue(m.name)}</td>
                  <td className="num">{fmtValue(m.weight)}</td>
                  <td className="mono small">{str(m.modelPath) ? basename(str(m.modelPath) ?? '') : '—'}</td>
                  <td className="mono small">{shortHash(str(m.modelSha256))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {metrics.length ? (
        <>
          <h3>Metrics</h3>
          <div className="scroll-x">
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  {metricNames.map((n) => (
                    <th key={n} scope="col" className="num">
                      {metricLabel(n)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {scopes.map((s) => (
                  <tr key={s}>
                    <th scope="row">{scopeName(s)}</th>
                    {metricNames.map((n) => (
                      <td key={n} className="num">
                        {fmtNum(metrics.find((m) => m.scope === s && m.name === n)?.value ?? null)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <details>
        <summary>Parameters</summary>
        <pre className="json small">{JSON.stringify(params, null, 2)}</pre>
      </details>
    </div>
  );
}
