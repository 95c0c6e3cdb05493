/**
 * Starting a job from a page: the start never replaces a file on its own; an existing output is
 * put to the analyst (naming the file) and replaced only on their yes. A refusal lands in `error`
 * for the page to show next to the field it is about.
 */
import { useState } from 'react';
import { useStore, type JobKind } from '../store';
import type { ErrorPayload } from '../types';
import type { JobStarted } from '../../../contract/contract';
import { useConfirm } from './ConfirmDialog';
import { startAskingToReplace } from './overwrite';

export interface JobStart {
  error: ErrorPayload | null;
  setError: (e: ErrorPayload | null) => void;
  start: (options: {
    kind: JobKind;
    label: string;
    /** The request without `overwrite`: the first start always says false. */
    request: object;
    call: (overwrite: boolean) => Promise<JobStarted>;
    /** The files the job writes, to name the one that exists. */
    outputs: string[];
  }) => Promise<boolean>;
}

export function useStartJob(): JobStart {
  const { dispatch } = useStore();
  const [error, setError] = useState<ErrorPayload | null>(null);
  const confirm = useConfirm();
  async function start({ kind, label, request, call, outputs }: Parameters<JobStart['start']>[0]) {
    setError(null);
    let overwrite = false;
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
              already exists. The job replaces it when it succeeds; until then it stays as it is.
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
  }
  return { error, setError, start };
}
