/**
 * The output folder appears only when complete: everything is written into a hidden sibling named
 * as every temp output is (`.DIR.partial-PID-RAND`, which main/history/leftovers.ts removes after a
 * crash, since the run records DIR among its writes), then renamed to DIR in one step. A folder
 * already at DIR is replaced only when the request says so, and only an empty folder or one the
 * engine's output guard has checked holds nothing the run reads or owns.
 */
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { StudioError } from '../../contract/errors';
import { tempPathFor } from '../jobs/atomic-output';

export interface StagedFolder {
  /** Where to write now. */
  path: string;
  /** Renames the staged folder to the target; the staged folder is gone afterwards. */
  commit(): Promise<void>;
  /** Removes the staged folder (never throws). */
  discard(): Promise<void>;
}

export async function stageFolder(target: string, overwrite: boolean): Promise<StagedFolder> {
  await checkTarget(target, overwrite);
  const path = tempPathFor(target);
  await mkdir(path);
  const discard = () => rm(path, { recursive: true, force: true }).catch(() => undefined);
  return {
    path,
    discard,
    async commit() {
      // Checked again: something may have appeared at the target while the candidates ran.
      const existing = await checkTarget(target, overwrite);
      if (!existing) {
        await rename(path, target);
        return;
      }
      const old = tempPathFor(target);
      await rename(target, old);
      try {
        await rename(path, target);
      } catch (error) {
        await rename(old, target).catch(() => undefined);
        throw error;
      }
      await rm(old, { recursive: true, force: true });
    },
  };
}

/** Whether a folder is at the target now; refuses a file, a link, or a folder with files unless `overwrite`. */
async function checkTarget(target: string, overwrite: boolean): Promise<boolean> {
  const found = await lstat(target).catch(() => null);
  if (!found) return false;
  if (found.isSymbolicLink() || !found.isDirectory())
    throw new StudioError(
      'bad_input',
      `${target} is a ${found.isSymbolicLink() ? 'link' : 'file'}, not a folder: choose a new folder for the migration`,
      { file: target },
    );
  if (!overwrite && (await readdir(target)).length > 0)
    throw new StudioError(
      'bad_input',
      `${target} already exists and is not empty: pass --overwrite to replace it, or choose another folder`,
      { file: target, field: 'overwrite' },
    );
  return true;
}
