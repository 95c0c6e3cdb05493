/**
 * Whether an evaluation measured the ensemble on the file it was optimised on: such numbers are
 * optimistic, and the page says so. The engine marks it (`inSample`, or a warning that starts
 * "In-sample"); the page also knows when an optimisation in this session wrote the open spec from
 * this very file.
 */
import type { JobResult } from '../../results';
import type { JobState } from '../../store';
import { isObject, str } from '../../types';

/** The engine's in-sample warning from a finished evaluation, or null. */
export function inSampleWarning(result: JobResult<'evaluate'>): string | null {
  const said = result.warnings.find((w) => /^in-sample/i.test(w.trim()));
  if (said) return said;
  if (result.inSample === true) {
    return 'In-sample: this file is the one the ensemble was optimised on, so these numbers are optimistic. Evaluate on a file it has not seen.';
  }
  return null;
}

/** The optimisation in this session that wrote `specPath` from `input`, if there was one. */
export function optimisedHereOn(
  jobs: Record<string, JobState>,
  specPath: string,
  input: string,
): JobState | null {
  if (!specPath || !input) return null;
  for (const job of Object.values(jobs)) {
    const f = job.finished;
    if (f?.status !== 'succeeded' || f.result.kind !== 'optimize') continue;
    // The request is what the page sent; it is kept as given, so it is read field by field.
    const request = isObject(job.request) ? job.request : null;
    const wrote = f.result.output ?? str(request?.output);
    if (wrote === specPath && str(request?.input)?.trim() === input.trim()) return job;
  }
  return null;
}
