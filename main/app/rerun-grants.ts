/**
 * Re-running a run from the History in the desktop app. Showing a run grants nothing (its paths
 * come from a history the CLI also writes); re-running asks the user, naming the files, and grants
 * only those exact files for reading. Pure (the question is passed in), for testing.
 */
import type { Handlers } from '../../contract/contract';
import { StudioError } from '../../contract/errors';
import type { RunDetail } from '../../contract/history-types';
import { rerunGrants } from './call-paths';
import type { PathGrants } from './path-grants';

/** Shows the files and answers whether the user allowed them (a native dialog in the app). */
export type ConfirmRerun = (runId: number, files: readonly string[]) => Promise<boolean>;

/** The files granted, or null when the user declined. */
export async function allowRerun(
  handlers: Pick<Handlers, 'history.show'>,
  confirm: ConfirmRerun,
  grants: PathGrants,
  runId: number,
): Promise<string[] | null> {
  const run = (await handlers['history.show']({ id: runId })) as RunDetail | null;
  if (!run) throw new StudioError('not_found', `run #${runId} is not in the history`, { field: 'runId' });
  const files = rerunGrants(run);
  if (files.length === 0) return [];
  if (!(await confirm(runId, files))) return null;
  return files.filter((file) => grants.grantFile(file, 'read'));
}
