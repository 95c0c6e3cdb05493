import { jobFraction, runningJobs, useStore, type JobKind, type PageId } from '../store';

/** Header indicator: running jobs and the newest one's progress; a button to its page. */
export function JobIndicator() {
  const { state, dispatch } = useStore();
  const running = runningJobs(state);
  const newest = running[0];
  const lastId = state.jobOrder[0];
  const last = lastId ? state.jobs[lastId] : undefined;
  const f = newest ? jobFraction(newest) : null;
  let text = 'No jobs running';
  if (newest) {
    text = `${running.length} job${running.length > 1 ? 's' : ''} running · ${newest.label || newest.kind}${
      f === null ? '' : ` ${Math.round(f * 100)} %`
    }`;
  } else if (last?.finished) {
    text = `Last job ${last.finished.status}`;
  }
  const target = newest ?? last;
  return (
    <button
      type="button"
      className={`job-indicator${newest ? ' active' : ''}`}
      aria-live="polite"
      onClick={() => target && dispatch({ type: 'navigate', page: pageOfJob(target.kind) })}
      disabled={!target}
    >
      <span className={`dot${newest ? ' pulsing' : ''}`} aria-hidden="true" />
      <span>{text}</span>
      {newest ? (
        <span className="mini-progress" aria-hidden="true">
          <span style={{ width: `${Math.round((f ?? 0.3) * 100)}%` }} />
        </span>
      ) : null}
    </button>
  );
}

function pageOfJob(kind: JobKind | null): PageId {
  if (kind === 'export' || kind === 'precision' || kind === 'benchmark') return 'export';
  if (kind === 'evaluate' || kind === 'optimize') return 'evaluate';
  return 'run';
}
