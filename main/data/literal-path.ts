/**
 * DuckDB expands `[ ] * ? { }` in a file name as a pattern: `d[1].csv` reads `d1.csv` and
 * `x*.csv` merges every file that matches. DuckDB has no way to quote a file name, so a path
 * holding any of those characters is given to it as a link with a plain name in a private temp
 * folder, pointing at exactly that one file. Plain paths are passed through untouched.
 */
import { link, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { StudioError } from '../../contract/errors';

const PATTERN_CHARACTERS = /[[\]*?{}]/;

export interface LiteralPath {
  /** A name DuckDB reads as exactly the one file. */
  readonly path: string;
  /** Removes the link (if one was made). Never throws. */
  release(): Promise<void>;
}

export function hasPatternCharacters(path: string): boolean {
  return PATTERN_CHARACTERS.test(path);
}

export async function literalPath(path: string): Promise<LiteralPath> {
  if (!hasPatternCharacters(path)) return { path, release: async () => undefined };
  const folder = await mkdtemp(join(tmpdir(), 'es-literal-'));
  const release = async (): Promise<void> => {
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  };
  // The link keeps the file's extensions (".csv.gz" still means gzip to DuckDB), minus the patterns.
  const alias = join(folder, basename(path).replace(/[[\]*?{}]/g, '_'));
  const target = resolve(path);
  try {
    await symlink(target, alias);
  } catch (symlinkError) {
    try {
      // Where symbolic links are not allowed (Windows without the privilege), a hard link
      // works when the temp folder is on the same disk.
      await link(target, alias);
    } catch {
      await release();
      throw new StudioError(
        'bad_input',
        `${basename(path)}: the name holds [ ] * ? { or }, which the data reader would treat as a pattern, ` +
          'and no link to it could be made: rename the file without those characters',
        { file: path },
        symlinkError instanceof Error ? symlinkError.message : String(symlinkError),
      );
    }
  }
  return { path: alias, release };
}

/** Runs `use` with a DuckDB-safe name for `path`, removing any link afterwards. */
export async function withLiteralPath<T>(path: string, use: (duckPath: string) => Promise<T>): Promise<T> {
  const literal = await literalPath(path);
  try {
    return await use(literal.path);
  } finally {
    await literal.release();
  }
}
