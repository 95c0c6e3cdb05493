/**
 * The paths the renderer may name in the desktop app. The renderer never names arbitrary paths:
 * a path is usable only once the main process has granted it, and main grants only what the user
 * chose through the app itself (open/save dialogs, files dropped on the window, the File menu and
 * its recent list) or what the engine itself reported (a loaded spec's members, a run in the
 * history). Every contract call's path fields are checked against these grants before the engine
 * sees the call (call-paths.ts, wired in ipc.ts).
 *
 * A check works on the real path: the path is made absolute and normal, symlinks are resolved
 * (for a path that does not exist yet, the nearest existing ancestor's real path plus the rest),
 * and the result must lie inside a grant whose real path was taken the same way. So `..` and a
 * symlink inside a granted folder cannot reach outside it. A write grant also allows reading.
 *
 * Pure Node (no Electron), for testing. Synchronous on purpose: a grant made on an IPC message is
 * in place before the next message is handled, so a dropped file can be used at once.
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

export type GrantMode = 'read' | 'write';

export type PathCheck = { ok: true; real: string } | { ok: false; reason: string };

interface Grant {
  /** The real path (see realish), in comparison form. */
  key: string;
  mode: GrantMode;
  scope: 'file' | 'folder';
}

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const compareForm = (p: string): string => (caseInsensitive ? p.toLowerCase() : p);

/** The reason a raw path is refused before it is even looked up; null when its shape is fine. */
export function pathShapeProblem(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length === 0) return 'empty path';
  if (raw.includes('\0')) return 'NUL in path';
  if (!path.isAbsolute(raw)) return 'not an absolute path';
  // The OS resolves `a/link/..` through the link while path.resolve drops both lexically, so a
  // `..` segment could mean two different files. Paths the app hands out never contain one.
  if (raw.split(/[\\/]+/).includes('..')) return "'..' in path";
  // Windows device and UNC namespaces (\\?\, \\.\, \\server\share) are never chosen in a dialog
  // as typed here, and would skip normalisation.
  if (process.platform === 'win32' && /^[\\/]{2}[?.]/.test(raw)) return 'device path';
  return null;
}

/**
 * The real path of `p` (absolute): symlinks resolved. A path that does not exist (yet) resolves
 * to its nearest existing ancestor's real path plus the remaining names. A dangling symlink
 * throws: writing through it would create its target, wherever that is.
 */
export function realish(p: string): string {
  const absolute = path.resolve(p);
  try {
    return realpathSync.native(absolute);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  let exists = false;
  try {
    lstatSync(absolute);
    exists = true;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  if (exists) throw new Error('a symlink to nowhere');
  const parent = path.dirname(absolute);
  if (parent === absolute) return absolute;
  return path.join(realish(parent), path.basename(absolute));
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function isInside(child: string, folder: string): boolean {
  if (child === folder) return true;
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  return child.startsWith(prefix);
}

export class PathGrants {
  private readonly grants = new Map<string, Grant>();

  /** Allows one file (read, or write and read). Returns false for a path that cannot be granted. */
  grantFile(p: string, mode: GrantMode): boolean {
    return this.add(p, mode, 'file');
  }

  /** Allows a folder and everything under it. */
  grantFolder(p: string, mode: GrantMode): boolean {
    return this.add(p, mode, 'folder');
  }

  /** Whether the renderer may use `p` for `mode`; `real` is the path that will be touched. */
  check(p: string, mode: GrantMode): PathCheck {
    const problem = pathShapeProblem(p);
    if (problem) return { ok: false, reason: problem };
    let real: string;
    try {
      real = realish(p);
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : 'cannot be resolved' };
    }
    const key = compareForm(real);
    for (const grant of this.grants.values()) {
      if (mode === 'write' && grant.mode !== 'write') continue;
      if (grant.scope === 'file' ? key === grant.key : isInside(key, grant.key)) return { ok: true, real };
    }
    return { ok: false, reason: 'not granted' };
  }

  /** How many grants are held (for tests and diagnostics). */
  get size(): number {
    return this.grants.size;
  }

  private add(p: string, mode: GrantMode, scope: Grant['scope']): boolean {
    if (pathShapeProblem(p)) return false;
    let key: string;
    try {
      key = compareForm(realish(p));
    } catch {
      return false;
    }
    const id = `${scope}:${key}`;
    const existing = this.grants.get(id);
    // A grant is only ever widened (read → write), never narrowed.
    if (existing && (existing.mode === 'write' || mode === 'read')) return true;
    this.grants.set(id, { key, mode, scope });
    return true;
  }
}
