/**
 * A page's job of one kind: the last one started (its progress and outcome come from the store),
 * starting another and cancelling it. A start never replaces a file on its own: an existing output
 * is put to the analyst (naming the file) and replaced only on their yes. A refusal lands in
 * `error` for the page to show next to the field it is about; a failed cancel in `cancelError`.
 */
import { useState } from 'react';
import type { JobStarted } from '../../../contract/contract';
import { useStore, type JobKind, type JobState } from '../store';
import { getStudio } from '../studio';
import { errorPayload, type ErrorPayload } from '../types';
import { useConfirm } from './ConfirmDialog';
import { startAskingToReplace } from './overwrite';

export interface JobStartOptions {
  label: string;
  /** The request without `overwrite`: the first start always says false. */
  request: object;
  call: (overwrite: boolean) => Promise<JobStarted>;
  /** The files the job writes, to name the one that exists. */
  outputs: string[];
  /** What replacing means, said after "<file> already exists." */
  replaceNote?: string;
}

export interface JobHandle {
  /** The last job of this kind started in this session. */
  job: JobState | undefined;
  /** That job is still running. */
  busy: boolean;
  /** A start is on its way to the engine (or waiting on the analyst's answer). */
  starting: boolean;
  error: ErrorPayload | null;
  setError: (e: ErrorPayload | null) => void;
  cancelError: ErrorPayload | null;
  /** True when the job started. */
  start: (options: JobStartOptions) => Promise<boolean>;
  cancel: () => void;
}

const DEFAULT_REPLACE_NOTE = 'The job replaces it when it succeeds; until then it stays as it is.';

export function useJob(kind: JobKind): JobHandle {
  const { state, dispatch } = useStore();
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [cancelError, setCancelError] = useState<ErrorPayload | null>(null);
  const [starting, setStarting] = useState(false);
  const confirm = useConfirm();
  const lastId = state.lastJob[kind];
  const job = lastId ? state.jobs[lastId] : undefined;

  async function start({ label, request, call, outputs, replaceNote }: JobStartOptions) {
    setError(null);
    setCancelError(null);
    setStarting(true);
    let overwrite = false;
    try {
      const outcome = await startAskingToReplace(
        (o) => {
          overwrite = o;
          return call(o);
        },
        outputs,
        (file) =>
          confirm({
            title: 'Replace the existing file?',
            message: (
              <p>
                <span className="mono break" data-testid="existing-file">
                  {file}
                </span>{' '}
                already exists. {replaceNote ?? DEFAULT_REPLACE_NOTE}
              </p>
            ),
            action: 'Replace',
          }),
      );
      if ('started' in outcome) {
        const { jobId, runId } = outcome.started;
        dispatch({ type: 'jobStarted', jobId, runId, kind, label, request: { ...request, overwrite } });
        return true;
      }
      if ('error' in outcome) setError(outcome.error);
      return false;
    } finally {
      setStarting(false);
    }
  }

  function cancel() {
    if (!job) return;
    setCancelError(null);
    getStudio()
      ['jobs.cancel']({ jobId: job.jobId })
      .catch((e) => setCancelError(errorPayload(e)));
  }

  return { job, busy: Boolean(job && !job.finished), starting, error, setError, cancelError, start, cancel };
}
