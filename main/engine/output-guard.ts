/**
 * Safe outputs: before a job runs, every file it will write is resolved the way the operating
 * system will resolve it (the folder's real path plus the name, and a symlink at the name
 * followed), and refused when it is a file the job reads or owns — the data, the spec, a member
 * model, the history database, another running job's output, or another output of the same job.
 * An existing file is refused unless the caller asked to replace it.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { StudioError } from '../../contract/errors';

/** A file a job writes: the path as the caller gave it, and what it is, for messages. */
export interface PlannedOutput {
  given: string;
  /** e.g. "output", "report", "optimised model". */
  role: string;
  /** A folder the job creates whole (migrate's output), rather than a file. */
  folder?: boolean;
}

/** A file a job reads or owns, with words for it: "the input data file", "member "rf"'s model". */
export interface ProtectedFile {
  path: string;
  role: string;
}

export interface GuardedOutput extends PlannedOutput {
  /** Where the bytes will land: the folder's real path plus the name (a symlink there followed). */
  target: string;
}

/** The real location a write to `path` lands on. A missing folder is reported by the caller. */
export async function resolveWriteTarget(path: string): Promise<string> {
  const absolute = resolve(path);
  const folder = await realpath(dirname(absolute)).catch(() => dirname(absolute));
  const joined = join(folder, basename(absolute));
  const link = await lstat(joined).catch(() => null);
  if (link?.isSymbolicLink()) return realpath(joined).catch(() => joined);
  return joined;
}

async function identity(path: string): Promise<{ real: string; info: Stats | null }> {
  const real = await resolveWriteTarget(path);
  return { real, info: await stat(real).catch(() => null) };
}

function sameFile(a: { real: string; info: Stats | null }, b: { real: string; info: Stats | null }): boolean {
  if (a.real === b.real) return true;
  // Hard links and case-insensitive file systems: the same inode under another name.
  return a.info !== null && b.info !== null && a.info.dev === b.info.dev && a.info.ino === b.info.ino;
}

/**
 * Checks every planned output of one job against what it must never overwrite, and against an
 * existing file unless `overwrite`. Returns the outputs with their resolved targets.
 */
export async function guardOutputs(
  outputs: readonly PlannedOutput[],
  protectedFiles: readonly ProtectedFile[],
  overwrite: boolean,
): Promise<GuardedOutput[]> {
  const guarded: GuardedOutput[] = [];
  const protectedIds = await Promise.all(
    protectedFiles.map(async (p) => ({ ...p, id: await identity(p.path) })),
  );
  for (const output of outputs) {
    const id = await identity(output.given);
    const target = id.real;
    for (const p of protectedIds) {
      if (sameFile(id, p.id)) {
        throw new StudioError(
          'bad_input',
          `The ${output.role} ${output.given} is ${p.role} ${p.path}: choose another ${output.role} file`,
          { file: output.given },
        );
      }
    }
    for (const earlier of guarded) {
      if (earlier.target === target) {
        throw new StudioError(
          'bad_input',
          `The ${output.role} ${output.given} is the same file as the ${earlier.role} ${earlier.given}: give them different names`,
          { file: output.given },
        );
      }
    }
    if (output.folder) {
      await guardFolder(output, id, protectedIds, overwrite);
      guarded.push({ ...output, target });
      continue;
    }
    if (id.info?.isDirectory()) {
      throw new StudioError('bad_input', `The ${output.role} ${output.given} is a folder: give a file name`, {
        file: output.given,
      });
    }
    if (id.info && !overwrite) {
      throw new StudioError(
        'bad_input',
        `The ${output.role} ${output.given} already exists: pass --overwrite to replace it, or choose another file`,
        { file: output.given, field: 'overwrite' },
      );
    }
    guarded.push({ ...output, target });
  }
  return guarded;
}

/**
 * A folder a job creates whole and puts in place at the end: its parent must exist, and it must be
 * new or empty unless the caller asked to replace it; since replacing it removes what is inside,
 * nothing the job reads or owns may lie inside it.
 */
async function guardFolder(
  output: PlannedOutput,
  id: { real: string; info: Stats | null },
  protectedIds: readonly (ProtectedFile & { id: { real: string } })[],
  overwrite: boolean,
): Promise<void> {
  const parent = await stat(dirname(id.real)).catch(() => null);
  if (!parent?.isDirectory()) {
    throw new StudioError(
      'bad_input',
      `The ${output.role} ${output.given}: the folder it goes in, ${dirname(resolve(output.given))}, does not exist`,
      { file: output.given },
    );
  }
  if (id.info && !id.info.isDirectory()) {
    throw new StudioError('bad_input', `The ${output.role} ${output.given} is a file: give a folder`, {
      file: output.given,
    });
  }
  for (const p of protectedIds) {
    if (p.id.real.startsWith(id.real + sep)) {
      throw new StudioError(
        'bad_input',
        `The ${output.role} ${output.given} holds ${p.role} ${p.path}: choose another folder`,
        { file: output.given },
      );
    }
  }
  const entries = id.info ? await readdir(id.real) : [];
  if (entries.length > 0 && !overwrite) {
    throw new StudioError(
      'bad_input',
      `The ${output.role} ${output.given} already exists and is not empty: pass --overwrite to replace it, or choose another folder`,
      { file: output.given, field: 'overwrite' },
    );
  }
}

/** The history database and the two files SQLite keeps beside it in WAL mode. */
export function historyFiles(historyPath: string): ProtectedFile[] {
  if (historyPath === ':memory:') return [];
  const db = resolve(historyPath);
  return [
    { path: db, role: 'the history database' },
    { path: `${db}-wal`, role: "the history database's log" },
    { path: `${db}-shm`, role: "the history database's index" },
  ];
}
