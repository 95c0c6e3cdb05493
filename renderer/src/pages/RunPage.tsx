import { useState } from 'react';
import { ErrorBox } from '../components/ErrorBox';
import { JobProgressView } from '../components/JobProgressView';
import { PathField, chooseSavePath } from '../components/PathField';
import { ensembleSource, splitList } from '../draft';
import { fmtDuration, fmtInt, fmtNum, fmtPct, shortHash } from '../format';
import { basename, dirname, extension, join, stem, withExtension } from '../paths';
import { jobResult } from '../results';
import { useStore, type JobState } from '../store';
import { getStudio, isDesktop } from '../studio';
import { PROVIDERS, errorPayload, type ErrorPayload, type Provider, type ScoreRequest } from '../types';

const FORMATS = ['csv', 'tsv', 'parquet', 'jsonl'] as const;

/** The output's suggested file name: "patients.scored.csv" for "…/patients.csv". */
export function defaultOutputName(input: string, ext = 'csv'): string {
  return `${input ? stem(input) : 'scored'}${input ? '.scored' : ''}.${ext}`;
}

/** Browser only: the output next to the input. The desktop app never derives paths (docs/SECURITY.md). */
export function defaultOutputPath(input: string): string {
  return input ? join(dirname(input), defaultOutputName(input)) : '';
}

export function RunPage() {
  const { state, dispatch } = useStore();
  const { run, draft } = state;
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [starting, setStarting] = useState(false);
  const set = (patch: Partial<typeof run>) => dispatch({ type: 'runForm', patch });
  const jobId = state.lastJob.score;
  const job = jobId ? state.jobs[jobId] : undefined;
  const ext = extension(run.output);
  const format = (FORMATS as readonly string[]).includes(ext) ? ext : '';
  const providers = state.appInfo?.providers ?? PROVIDERS.map((name) => ({ name, bundled: name === 'cpu' }));
  const native = isDesktop();
  // In the desktop app an output is only ever one chosen in the save dialog.
  const output = run.output || (native ? '' : defaultOutputPath(run.input));
  const recent = state.jobOrder
    .map((id) => state.jobs[id] as JobState)
    .filter((j) => j.kind === 'score' && j.jobId !== jobId)
    .slice(0, 5);

  async function changeFormat(ext: string) {
    if (!native) {
      set({ output: withExtension(output || 'scored.csv', ext) });
      return;
    }
    // Another extension is another file: choose it with the save dialog.
    const name = output ? withExtension(basename(output), ext) : defaultOutputName(run.input, ext);
    const picked = await chooseSavePath('output', name);
    if (picked) set({ output: picked });
  }

  async function start() {
    setError(null);
    setStarting(true);
    const threads = Number(run.threads);
    const request: ScoreRequest = {
      ensemble: ensembleSource(draft),
      input: run.input.trim(),
      output: output.trim(),
      keep: run.keepAll ? [] : splitList(run.keep),
      keepAll: run.keepAll,
      members: run.members,
      provider: run.provider,
      ...(run.threads && Number.isInteger(threads) && threads > 0 ? { threads } : {}),
    };
    try {
      const started = await getStudio()['jobs.score'](request);
      dispatch({
        type: 'jobStarted',
        jobId: started.jobId,
        runId: started.runId,
        kind: 'score',
        label: `Score ${basename(request.input)}`,
        request,
      });
      if (!run.output) set({ output });
    } catch (e) {
      setError(errorPayload(e));
    } finally {
      setStarting(false);
    }
  }

  async function cancel(id: string) {
    try {
      await getStudio()['jobs.cancel']({ jobId: id });
    } catch (e) {
      setError(errorPayload(e));
    }
  }

  const running = job && !job.finished;
  return (
    <section aria-labelledby="run-title" className="page">
      <header className="page-head">
        <h1 id="run-title">Run</h1>
        <p className="lede">
          Score a data file with <strong>{draft.name}</strong> ({draft.members.length} member
          {draft.members.length === 1 ? '' : 's'}, {draft.combiner}).
        </p>
      </header>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <PathField
          label="Input data"
          value={run.input}
          onChange={(input) => set({ input })}
          name="run-input"
          mode="open"
          kind="data"
        />
        <div className="form-grid">
          <PathField
            label="Output file"
            value={run.output}
            placeholder={defaultOutputPath(run.input) || '/path/to/scored.csv'}
            onChange={(o) => set({ output: o })}
            mode="save"
            kind="output"
            defaultName={defaultOutputName(run.input)}
            name="run-output"
          />
          <label>
            Format
            <select
              value={format}
              onChange={(e) => void changeFormat(e.target.value)}
              aria-describedby="format-hint"
            >
              {format === '' ? <option value="">from extension</option> : null}
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f === 'jsonl' ? 'JSON Lines' : f.toUpperCase()}
                </option>
              ))}
            </select>
            <span className="hint" id="format-hint">
              {native
                ? 'Chosen by the output’s extension; another format opens the save dialog.'
                : 'Chosen by the output’s extension.'}
            </span>
          </label>
        </div>
        <div className="form-grid">
          <label>
            Provider
            <select value={run.provider} onChange={(e) => set({ provider: e.target.value as Provider })}>
              {providers.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                  {p.bundled ? '' : ' (not in this build)'}
                </option>
              ))}
            </select>
          </label>
          <label>
            Threads
            <input
              type="number"
              min={1}
              max={256}
              value={run.threads}
              placeholder="auto"
              onChange={(e) => set({ threads: e.target.value })}
            />
          </label>
          <label>
            Keep columns
            <input
              type="text"
              value={run.keep}
              disabled={run.keepAll}
              placeholder="id, customer, …"
              onChange={(e) => set({ keep: e.target.value })}
            />
          </label>
          <div className="checks">
            <label className="check">
              <input
                type="checkbox"
                checked={run.keepAll}
                onChange={(e) => set({ keepAll: e.target.checked })}
              />{' '}
              Keep all input columns
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={run.members}
                onChange={(e) => set({ members: e.target.checked })}
              />{' '}
              Write each member’s predictions
            </label>
          </div>
        </div>
        <div className="button-row">
          <button
            type="submit"
            disabled={starting || !run.input.trim() || !output.trim() || draft.members.length === 0}
          >
            {starting ? 'Starting…' : 'Start scoring'}
          </button>
          {running ? (
            <span className="muted">A job is running; another may be started alongside it.</span>
          ) : null}
          {draft.members.length === 0 ? <span className="hint">Build an ensemble first.</span> : null}
          {native && draft.members.length > 0 && run.input.trim() && !output.trim() ? (
            <span className="hint">Choose the output file with Browse….</span>
          ) : null}
        </div>
        {error ? <ErrorBox error={error} title="Could not start" /> : null}
      </form>

      {job ? (
        <div className="card" aria-live="polite">
          <h2>Current job</h2>
          <JobProgressView job={job} onCancel={() => void cancel(job.jobId)} />
          <JobOutcome job={job} />
        </div>
      ) : null}

      {recent.length ? (
        <div className="card">
          <h2>Earlier in this session</h2>
          <ul className="recent-jobs">
            {recent.map((j) => (
              <li key={j.jobId}>
                <span className={`badge badge-${j.finished?.status ?? 'running'}`}>
                  {j.finished?.status ?? 'running'}
                </span>{' '}
                {j.label} <span className="muted">run #{j.runId}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function JobOutcome({ job }: { job: JobState }) {
  const f = job.finished;
  if (!f) return null;
  if (f.status === 'cancelled') return <p className="muted">Cancelled. No output file was written.</p>;
  if (f.status === 'failed')
    return f.error ? (
      <ErrorBox error={f.error} title="The job failed" />
    ) : (
      <p className="error-text">The job failed.</p>
    );
  const r = jobResult(f.result, 'score');
  if (!r) return <p className="ok-text">Finished.</p>;
  const counts = r.predictionCounts ? Object.entries(r.predictionCounts) : [];
  const total = counts.reduce((a, [, n]) => a + n, 0) || 1;
  return (
    <div className="result-summary" data-testid="score-result">
      <div className="stat-row">
        <div className="stat">
          <span className="stat-label">Rows</span>
          <span className="stat-value">{fmtInt(r.rows)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Rows/s</span>
          <span className="stat-value">{fmtInt(r.rowsPerSec)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Time</span>
          <span className="stat-value">{fmtDuration(r.seconds)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Provider</span>
          <span className="stat-value">{r.providerUsed || r.providerRequested}</span>
        </div>
      </div>
      <dl className="kv">
        <dt>Output</dt>
        <dd className="mono break">{r.output ?? '—'}</dd>
        <dt>SHA-256</dt>
        <dd className="mono" title={r.outputSha256 ?? undefined}>
          {shortHash(r.outputSha256, 16)}
        </dd>
      </dl>
      {counts.length ? (
        <>
          <h3>Predictions</h3>
          <ul className="bars">
            {counts.map(([cls, n]) => (
              <li key={cls}>
                <span className="bar-label">{cls}</span>
                <span className="bar">
                  <span style={{ width: `${(n / total) * 100}%` }} />
                </span>
                <span className="bar-value">
                  {fmtInt(n)} · {fmtPct(n / total)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.members.length ? (
        <>
          <h3>Members</h3>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col">Provider</th>
                <th scope="col" className="num">
                  Agreement with ensemble
                </th>
                <th scope="col">{r.classes ? `Mean P(${r.classes.join(', ')})` : 'Mean prediction'}</th>
              </tr>
            </thead>
            <tbody>
              {r.members.map((m) => (
                <tr key={m.name}>
                  <td>{m.name}</td>
                  <td className="num">{fmtNum(m.weight, 3)}</td>
                  <td>{m.provider}</td>
                  <td className="num">{fmtPct(m.agreement)}</td>
                  <td className="mono small">{m.means.map((v) => fmtNum(v, 3)).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {r.warnings.length ? (
        <ul className="warnings">
          {r.warnings.map((w, i) => (
            <li key={i} className="warning-text">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
