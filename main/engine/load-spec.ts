/**
 * Reading and writing `*.ensemble.json` files, with errors that name the file and the field.
 */
import { plainSchemaMessage } from '../../contract/schema-words';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { StudioError } from '../../contract/errors';
import { EnsembleSpecSchema, type EnsembleSpec } from '../../contract/ensemble-spec';
import type { EnsembleSource } from '../../contract/contract';
import { discardOutput, tempPathFor } from '../jobs/atomic-output';
import { guardOutputs, historyFiles } from './output-guard';

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

/**
 * A spec that fails the schema, in words: our own checks (weights) already name the member;
 * zod's generic messages get the field's place in the spec. The zod path and wording go to
 * `detail` only.
 */
export function parseSpec(json: unknown, file: string): EnsembleSpec {
  const parsed = EnsembleSpecSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const fieldOf = (path: readonly PropertyKey[]) =>
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .slice(1);
  const describe = (issue: (typeof issues)[number]) => {
    if (issue.code === 'custom') return issue.message;
    const field = fieldOf(issue.path) || 'the spec';
    return `${memberWords(json, issue.path) ?? field}: ${plainSchemaMessage(issue.message)}`;
  };
  const messages = [...new Set(issues.map(describe))];
  const first = issues[0]!;
  const member = memberName(json, first.path);
  throw new StudioError(
    'bad_input',
    `${file}: ${messages.join('; ')}`,
    { file, field: fieldOf(first.path) || undefined, ...(member ? { member } : {}) },
    issues.map((i) => `${fieldOf(i.path) || '(spec)'}: ${i.message}`).join('; '),
  );
}

function memberName(json: unknown, path: readonly PropertyKey[]): string | null {
  if (path[0] !== 'members' || typeof path[1] !== 'number') return null;
  const members = (json as { members?: unknown } | null)?.members;
  const member = Array.isArray(members) ? (members[path[1]] as { name?: unknown } | undefined) : undefined;
  return typeof member?.name === 'string' ? member.name : null;
}

/** "member "rf", field weight" for members[2].weight, when the member has a name. */
function memberWords(json: unknown, path: readonly PropertyKey[]): string | null {
  const name = memberName(json, path);
  if (name === null) return null;
  const rest = path.slice(2).map(String).join('.');
  return `member "${name}"${rest ? `, field ${rest}` : ''}`;
}

export async function loadEnsembleSource(source: EnsembleSource): Promise<LoadedSpec> {
  if ('specPath' in source) return loadSpecFile(source.specPath);
  return { spec: source.spec, baseDir: resolve(source.baseDir), specPath: null };
}

/**
 * `ensembles.save` follows the rules of every output: never onto the history or a member's model
 * (paths in the spec are relative to where it is saved), never onto another job's output, and an
 * existing file only when the caller asked to replace it.
 */
export async function guardSpecSave(
  path: string,
  spec: EnsembleSpec,
  overwrite: boolean,
  historyPath: string,
  busyOutputs: readonly string[],
): Promise<void> {
  const folder = dirname(resolve(path));
  const folderInfo = await stat(folder).catch(() => null);
  if (!folderInfo?.isDirectory()) {
    throw new StudioError('bad_input', `${path}: the folder ${folder} does not exist`, { file: path });
  }
  await guardOutputs(
    [{ given: path, role: 'spec file' }],
    [
      ...spec.members.map((m) => ({
        path: resolve(folder, m.model),
        role: `the model of member "${m.name}"`,
      })),
      ...historyFiles(historyPath),
      ...busyOutputs.map((busy) => ({ path: busy, role: "another running job's output" })),
    ],
    overwrite,
  );
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
  try {
    await writeFile(temp, JSON.stringify(spec, null, 2) + '\n', 'utf8');
    await rename(temp, absolute);
  } catch (error) {
    await discardOutput(temp);
    throw error;
  }
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
