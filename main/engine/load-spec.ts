/**
 * Reading and writing `*.ensemble.json` files, with errors that name the file and the field.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { StudioError } from '../errors';
import { EnsembleSpecSchema, type EnsembleSpec } from '../ensemble/spec';
import type { EnsembleSource } from '../../preload/contract';
import { tempPathFor } from '../jobs/atomic-output';

export interface LoadedSpec {
  spec: EnsembleSpec;
  /** Folder the members' model paths are relative to. */
  baseDir: string;
  /** The file it came from, when it came from one. */
  specPath: string | null;
}

export async function loadSpecFile(path: string): Promise<LoadedSpec> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch {
    throw new StudioError('not_found', `${path}: no such ensemble file`, { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StudioError('bad_input', `${path}: not valid JSON (${reason})`, { file: path });
  }
  return { spec: parseSpec(json, path), baseDir: dirname(absolute), specPath: absolute };
}

export function parseSpec(json: unknown, file: string): EnsembleSpec {
  const parsed = EnsembleSpecSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .slice(1);
  throw new StudioError('bad_input', `${file}: ${field || '(spec)'}: ${issue.message}`, { file, field });
}

export async function loadEnsembleSource(source: EnsembleSource): Promise<LoadedSpec> {
  if ('specPath' in source) return loadSpecFile(source.specPath);
  return { spec: source.spec, baseDir: resolve(source.baseDir), specPath: null };
}

/**
 * Writes a spec file atomically, so an existing spec is never left half-written. Model paths
 * are relative to the spec's folder, so when the spec moves (`fromDir` is where its paths
 * pointed from) they are rewritten to point at the same files from the new folder.
 */
export async function saveSpecFile(path: string, spec: EnsembleSpec, fromDir?: string): Promise<string> {
  const absolute = resolve(path);
  if (fromDir) spec = rebaseModelPaths(spec, fromDir, dirname(absolute));
  const temp = tempPathFor(absolute);
  await writeFile(temp, JSON.stringify(spec, null, 2) + '\n', 'utf8');
  await rename(temp, absolute);
  return absolute;
}

export function rebaseModelPaths(spec: EnsembleSpec, fromDir: string, toDir: string): EnsembleSpec {
  return {
    ...spec,
    members: spec.members.map((m) => {
      if (isAbsolute(m.model)) return m;
      const moved = relative(toDir, resolve(fromDir, m.model)).split('\\').join('/');
      return { ...m, model: moved };
    }),
  };
}
