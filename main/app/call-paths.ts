/**
 * Which fields of each contract call are paths, and whether the engine reads or writes them; the
 * check of a call's paths against the window's grants (path-grants.ts); and the grants that follow
 * from what the engine answers (a loaded spec's members) or from the user confirming a re-run.
 *
 * The map is typed over every CallName, so a call added to the contract does not compile until it
 * says which of its fields are paths (an empty list for none).
 *
 * This is the desktop app's rule only. The HTTP bridge (main/bridge) does not apply it: there the
 * person holding the per-start token types paths on their own machine on purpose, as with the
 * CLI, and there are no native dialogs to grant from. In the desktop app the page is the thing to
 * distrust (docs/SECURITY.md).
 *
 * Pure (no Electron), for testing.
 */
import path from 'node:path';
import {
  contract,
  isCallName,
  parseCallInput,
  type CallName,
  type EnsembleSource,
  type Handlers,
  type ParsedInput,
  JOB_KINDS,
  type JobKind,
  type JobRequestOf,
} from '../../contract/contract';
import { jobKinds } from '../jobs/kinds';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import type { RunDetail } from '../../contract/history-types';
import { toErrorPayload } from '../../contract/errors';
import { rejectedWith, type DispatchOutcome } from '../adapters/dispatch';
import { pathShapeProblem, type GrantMode, type PathGrants } from './path-grants';

/** One path a call will touch: where it is in the payload, and how. */
export interface PathUse {
  /** The payload field, dotted (e.g. `ensemble.spec.members.0.model`); the error's location. */
  field: string;
  path: string;
  mode: GrantMode;
  /** A folder the engine writes into (benchmark's optimised graphs), else a file. */
  folder?: boolean;
}

/** The `jobs.<kind>` calls: their paths come from each kind's module. */
type JobCall = `jobs.${JobKind}`;
type PathMap = { [K in CallName]: (input: ParsedInput<K>) => PathUse[] };

const use = (field: string, p: string | undefined, mode: GrantMode, folder = false): PathUse[] =>
  p === undefined ? [] : [{ field, path: p, mode, ...(folder ? { folder } : {}) }];

/** A spec's member models, as the engine resolves them (path.resolve against the spec's folder). */
function memberModels(spec: Pick<EnsembleSpec, 'members'>, baseDir: string, field: string): PathUse[] {
  return spec.members.map((member, i) => ({
    field: `${field}.members.${i}.model`,
    path: path.resolve(baseDir, member.model),
    mode: 'read' as const,
  }));
}

/**
 * An ensemble source: a spec file is read (its members come from that file, which the user
 * opened); an in-memory spec's members are read from its baseDir, so each member is checked rather
 * than the folder (a draft's baseDir is just the first model's folder).
 */
function source(ensemble: EnsembleSource, field = 'ensemble'): PathUse[] {
  if ('specPath' in ensemble) return use(`${field}.specPath`, ensemble.specPath, 'read');
  return memberModels(ensemble.spec, ensemble.baseDir, `${field}.spec`);
}

/** A job's paths: its ensemble source, then the fields its kind names. */
function jobPaths<K extends JobKind>(kind: K, input: JobRequestOf<K>): PathUse[] {
  return [
    ...source(input.ensemble),
    ...jobKinds[kind].pathFields(input).flatMap((f) => use(f.field, f.path, f.mode, f.folder)),
  ];
}

/**
 * One entry per job kind. Built from the kind list at run time, which TypeScript cannot follow
 * through Object.fromEntries to the mapped type: asserted here, each entry typed above.
 */
const JOB_CALL_PATHS = Object.fromEntries(
  JOB_KINDS.map((kind) => [`jobs.${kind}`, (input: JobRequestOf<JobKind>) => jobPaths(kind, input)]),
) as Pick<PathMap, JobCall>;

export const CALL_PATHS: PathMap = {
  'app.info': () => [],
  // The workspace is stored in the history database; the paths it names are re-granted only by
  // the user's own dialogs and drops, never by reading the workspace back.
  'workspace.load': () => [],
  'workspace.save': () => [],
  'bundles.create': ({ ensemble, output, signKey, includeReport }) => [
    ...source(ensemble),
    ...use('signKey', signKey, 'read'),
    ...use('includeReport', includeReport, 'read'),
    ...use('output', output, 'write'),
  ],
  'bundles.verify': ({ path: p, publicKey }) => [
    ...use('path', p, 'read'),
    ...use('publicKey', publicKey, 'read'),
  ],
  'bundles.open': ({ path: p, to, publicKey }) => [
    ...use('path', p, 'read'),
    ...use('publicKey', publicKey, 'read'),
    ...use('to', to, 'write', true),
  ],
  'bundles.keygen': ({ output }) => use('output', output, 'write'),
  'service.start': ({ ensemble, bundle, publicKey }) => [
    ...(ensemble ? source(ensemble) : []),
    ...use('bundle', bundle, 'read'),
    ...use('publicKey', publicKey, 'read'),
  ],
  'service.stop': () => [],
  'service.status': () => [],
  'shards.merge': ({ parts, output }) => [
    ...parts.flatMap((p, i) => use(`parts.${i}`, p, 'read')),
    ...use('output', output, 'write'),
  ],
  'models.inspect': (i) => use('path', i.path, 'read'),
  'data.preview': (i) => use('path', i.path, 'read'),
  'ensembles.load': (i) => use('path', i.path, 'read'),
  // The saved spec names its models; they must be ones the window may read, or saving then
  // loading would turn any path into a granted one.
  'ensembles.save': (i) => [
    ...use('path', i.path, 'write'),
    ...memberModels(i.spec, path.dirname(i.path), 'spec'),
  ],
  'ensembles.check': (i) => [...source(i.ensemble), ...use('input', i.input, 'read')],
  ...JOB_CALL_PATHS,
  'jobs.cancel': () => [],
  'history.list': () => [],
  'history.show': () => [],
  'history.compare': () => [],
  // Reads only the run's stored scores, which the engine finds from the history itself.
  'whatif.preview': () => [],
};

export function pathsOf<K extends CallName>(name: K, input: ParsedInput<K>): PathUse[] {
  return (CALL_PATHS[name] as (input: ParsedInput<K>) => PathUse[])(input);
}

export interface PathRefusal {
  field: string;
  message: string;
}

const shown = (p: string) => (p.length > 300 ? `${p.slice(0, 300)}…` : p);

/** The first path of the call the grants do not allow, or null when every one is allowed. */
export function checkCallPaths<K extends CallName>(
  name: K,
  input: ParsedInput<K>,
  grants: PathGrants,
): PathRefusal | null {
  // An in-memory spec's baseDir is not itself opened, but it must be a plain absolute folder.
  const ensemble = (input as { ensemble?: EnsembleSource }).ensemble;
  if (ensemble && 'baseDir' in ensemble) {
    const problem = pathShapeProblem(ensemble.baseDir);
    if (problem) return refusal('ensemble.baseDir', ensemble.baseDir, problem);
  }
  for (const item of pathsOf(name, input)) {
    const checked = grants.check(item.path, item.mode);
    if (!checked.ok) return refusal(item.field, item.path, checked.reason);
  }
  return null;
}

function refusal(field: string, p: string, reason: string): PathRefusal {
  const detail = reason === 'not granted' ? '' : ` (${reason})`;
  return { field, message: `path not opened through the app: ${shown(p)}${detail}` };
}

/** Grants every path a use list names, with its mode (paths the engine itself reported). */
function grantAll(uses: PathUse[], grants: PathGrants): void {
  for (const item of uses) {
    if (item.folder) grants.grantFolder(item.path, item.mode);
    else grants.grantFile(item.path, item.mode);
  }
}

/**
 * Grants that follow from the engine's answer to an allowed call:
 * - `ensembles.load`: the spec's members (relative to the spec's folder), so the loaded ensemble
 *   can be checked, edited and run. Only the members, not the whole folder: a spec the window
 *   saved itself names only models it could already read (see `ensembles.save` above).
 *
 * `history.show` grants nothing: a history also holds runs the CLI recorded, with paths the user
 * never picked in this app, and showing a run must not make them usable. Re-running asks the user
 * first (rerunGrants below, behind a native confirm in main/app).
 */
export function grantFromResult(name: CallName, result: unknown, grants: PathGrants): void {
  if (name === 'ensembles.load') {
    const loaded = result as { path?: unknown; spec?: Pick<EnsembleSpec, 'members'> } | null;
    if (loaded && typeof loaded.path === 'string' && Array.isArray(loaded.spec?.members)) {
      grantAll(memberModels(loaded.spec, path.dirname(loaded.path), 'spec'), grants);
    }
  }
}

/**
 * What re-running a past run may read once the user has confirmed it in a native dialog: the
 * exact files the run read (its spec, models, data), each read-only. Never a folder and never a
 * write: the run's output (or report, or optimised-model folder) is chosen again with a Save
 * dialog, so re-running cannot overwrite anything the user did not pick in this session.
 */
export function rerunGrants(run: RunDetail): string[] {
  const files = runPaths(run)
    .filter((u) => u.mode === 'read' && !u.folder)
    .map((u) => path.normalize(u.path));
  return [...new Set(files)];
}

/** The files a run in the history names: its request's paths, its spec, data, models and output. */
export function runPaths(run: RunDetail): PathUse[] {
  const uses: PathUse[] = [];
  const callName = `jobs.${String(run.kind)}`;
  if (isCallName(callName) && run.params && typeof run.params === 'object') {
    const parsed = contract[callName].input.safeParse(run.params);
    if (parsed.success) uses.push(...pathsOf(callName, parsed.data));
  }
  for (const version of [run.ensemble, run.producedVersion]) {
    if (!version?.specPath) continue;
    uses.push(...use('specPath', version.specPath, 'read'));
    if (Array.isArray(version.spec?.members)) {
      uses.push(...memberModels(version.spec, path.dirname(version.specPath), 'spec'));
    }
  }
  if (run.dataset?.path) uses.push(...use('dataset', run.dataset.path, 'read'));
  for (const member of Array.isArray(run.members) ? run.members : []) {
    if (member.modelPath) uses.push(...use('members', member.modelPath, 'read'));
  }
  if (run.outputPath) uses.push(...use('outputPath', run.outputPath, 'write'));
  return uses.filter((u) => typeof u.path === 'string' && path.isAbsolute(u.path));
}

/**
 * One contract call through the desktop app's boundary: the name and payload checked as the
 * bridge's dispatchCall does, then every path checked against the grants. A refused call gets
 * the contract's typed bad_input error naming the field, and the handler does not run.
 */
export async function dispatchGrantedCall(
  handlers: Handlers,
  name: string,
  input: unknown,
  grants: PathGrants,
): Promise<DispatchOutcome> {
  if (!isCallName(name)) return rejectedWith(`unknown call: ${name.slice(0, 100)}`, { field: '(call)' });
  let parsed: ParsedInput<CallName>;
  try {
    parsed = parseCallInput(name, input);
  } catch (error) {
    return { reply: { ok: false, error: toErrorPayload(error) }, rejected: true };
  }
  const refused = checkCallPaths(name, parsed, grants);
  if (refused) return rejectedWith(refused.message, { field: refused.field });
  try {
    // parseCallInput(name, …) above pairs the input with the handler, as in dispatchCall.
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const result = await handler(parsed);
    grantFromResult(name, result, grants);
    return { reply: { ok: true, result }, rejected: false };
  } catch (error) {
    return { reply: { ok: false, error: toErrorPayload(error) }, rejected: false };
  }
}
