/**
 * Whether an evaluation measured the ensemble on the file it was optimised on: such numbers are
 * optimistic, and the page says so. The engine marks it (`inSample`, or a warning that starts
 * "In-sample"); the page also knows when an optimisation in this session wrote the open spec from
 * this very file.
 */
import type { JobState } from '../../store';
import { isObject, str } from '../../types';

/** The engine's in-sample warning from a finished job's result, or null. */
export function inSampleWarning(result: unknown): string | null {
  if (!isObject(result)) return null;
  const warnings = Array.isArray(result.warnings) ? result.warnings.filter((w) => typeof w === 'string') : [];
  const said = warnings.find((w) => /^in-sample/i.test(w.trim()));
  if (said) return said;
  const evaluation = isObject(result.evaluation) ? result.evaluation : null;
  if (result.inSample === true || evaluation?.inSample === true) {
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
    if (job.kind !== 'optimize' || job.finished?.status !== 'succeeded') continue;
    const request = isObject(job.request) ? job.request : null;
    const result = isObject(job.finished.result) ? job.finished.result : null;
    const wrote = str(result?.output) ?? str(request?.output);
    if (wrote === specPath && str(request?.input)?.trim() === input.trim()) return job;
  }
  return null;
}
