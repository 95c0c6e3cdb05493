/**
 * Starting a job that writes files: the engine refuses an existing output unless told to replace
 * it, so the first start never replaces anything; a refusal that says the file already exists is
 * put to the analyst, and only their yes re-starts with `overwrite: true`.
 */
import type { ErrorPayload } from '../types';
import { errorPayload } from '../types';

export function alreadyExists(e: ErrorPayload): boolean {
  return /already exists/i.test(e.message);
}

/** The file an "already exists" refusal is about: the one it names, else the first of `paths` it mentions. */
export function existingFile(e: ErrorPayload, paths: readonly string[]): string {
  const named = e.location?.file;
  if (named) return named;
  return paths.find((p) => p && e.message.includes(p)) ?? paths.find(Boolean) ?? 'The output file';
}

export type StartOutcome<T> = { started: T } | { declined: true } | { error: ErrorPayload };

/**
 * `start(false)`; on an "already exists" refusal, `confirm(file)` and, if yes, `start(true)`.
 * Any other refusal comes back as `error`, for the field it names.
 */
export async function startAskingToReplace<T>(
  start: (overwrite: boolean) => Promise<T>,
  outputs: readonly string[],
  confirm: (file: string) => Promise<boolean>,
): Promise<StartOutcome<T>> {
  try {
    return { started: await start(false) };
  } catch (e) {
    const first = errorPayload(e);
    if (!alreadyExists(first)) return { error: first };
    if (!(await confirm(existingFile(first, outputs)))) return { declined: true };
    try {
      return { started: await start(true) };
    } catch (e2) {
      return { error: errorPayload(e2) };
    }
  }
}

/**
 * Whether a start refusal belongs next to the output field `field` whose value is `path`: the
 * engine names the field, or its message names the path (an output that is one of the inputs).
 */
export function isAbout(e: ErrorPayload | null | undefined, field: string, path: string): boolean {
  if (!e) return false;
  if (e.location?.field) return e.location.field === field;
  return path.trim() !== '' && e.message.includes(path.trim());
}
