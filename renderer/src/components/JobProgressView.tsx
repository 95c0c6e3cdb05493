import { fmtDuration, fmtInt, fmtPct } from '../format';
import { jobFraction, type JobState } from '../store';

const phaseText = { loading: 'Loading', scoring: 'Scoring', finishing: 'Finishing' } as const;

/**
 * A job's progress bar with rows, rows/s and ETA; the final state when it is finished.
 * `counts`: what the job's progress counts — data rows (default), steps of a fixed plan (e.g.
 * benchmark measurements: no rate), or nothing worth showing beyond the bar.
 */
export function JobProgressView({
  job,
  onCancel,
  counts = 'rows',
}: {
  job: JobState;
  onCancel?: () => void;
  counts?: 'rows' | 'steps' | 'none';
}) {
  const f = jobFraction(job);
  const p = job.progress;
  const status = job.finished?.status ?? 'running';
  const pct = f === null ? null : Math.round(f * 100);
  return (
    <div className={`job-progress status-${status}`} data-job-id={job.jobId}>
      <div className="job-progress-head">
        <span className="job-title">
          {job.label || job.kind || 'Job'} <span className="muted">· run #{job.runId ?? '…'}</span>
        </span>
        <span className={`badge badge-${status}`}>
          {job.finished ? status : p ? phaseText[p.phase] : 'Starting'}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={`${job.label || 'Job'} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        aria-valuetext={pct === null ? 'in progress' : `${pct} %`}
      >
        <div
          className={`progress-fill${pct === null && !job.finished ? ' indeterminate' : ''}`}
          style={{ width: pct === null ? (job.finished ? '100%' : '30%') : `${pct}%` }}
        />
      </div>
      <dl className="job-stats">
        <div>
          <dt>Progress</dt>
          <dd data-testid="job-percent">{pct === null ? '—' : `${pct} %`}</dd>
        </div>
        {counts === 'steps' ? (
          <div>
            <dt>Steps</dt>
            <dd>
              {fmtInt(p?.rowsDone)}
              {p?.rowsTotal ? ` / ${p.rowsTotalIsEstimate ? '~' : ''}${fmtInt(p.rowsTotal)}` : ''}
            </dd>
          </div>
        ) : null}
        {counts === 'steps' ? (
          <div>
            <dt>Elapsed</dt>
            <dd>{fmtDuration(p?.elapsedSeconds)}</dd>
          </div>
        ) : null}
        {counts === 'rows' ? (
          <>
            <div>
              <dt>Rows</dt>
              <dd>
                {fmtInt(p?.rowsDone)}
                {p?.rowsTotal ? ` / ${p.rowsTotalIsEstimate ? '~' : ''}${fmtInt(p.rowsTotal)}` : ''}
              </dd>
            </div>
            <div>
              <dt>Rows/s</dt>
              <dd>{fmtInt(p?.rowsPerSec)}</dd>
            </div>
            <div>
              <dt>{job.finished ? 'Elapsed' : 'ETA'}</dt>
              <dd>{job.finished ? fmtDuration(p?.elapsedSeconds) : fmtDuration(p?.etaSeconds)}</dd>
            </div>
          </>
        ) : null}
        {onCancel && !job.finished ? (
          <div className="job-cancel">
            <button type="button" className="danger" onClick={onCancel}>
              Cancel
            </button>
          </div>
        ) : null}
      </dl>
      {f !== null && !job.finished ? <span className="sr-only">{fmtPct(f, 0)}</span> : null}
    </div>
  );
}
