/**
 * The desktop app's path grants (main/app/path-grants.ts) and the per-call path map
 * (main/app/call-paths.ts), on real files, folders and symlinks in a temp folder.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CALL_PATHS,
  checkCallPaths,
  dispatchGrantedCall,
  grantFromResult,
  pathsOf,
  rerunGrants,
} from '../../../main/app/call-paths';
import { PathGrants } from '../../../main/app/path-grants';
import {
  callNames,
  parseCallInput,
  type CallName,
  type Handlers,
  type ParsedInput,
} from '../../../contract/contract';

// realpath: on macOS the temp folder itself is behind a symlink.
const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'path-grants-')));
const at = (...parts: string[]) => path.join(root, ...parts);
mkdirSync(at('project', 'models'), { recursive: true });
mkdirSync(at('outside'), { recursive: true });
writeFileSync(at('project', 'data.csv'), 'a\n1\n');
writeFileSync(at('project', 'models', 'm.onnx'), 'x');
writeFileSync(at('outside', 'secret.csv'), 'secret\n');
symlinkSync(at('outside'), at('project', 'escape'));
symlinkSync(at('outside', 'secret.csv'), at('project', 'secret-link.csv'));
symlinkSync(at('outside', 'nowhere.csv'), at('project', 'dangling.csv'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

const spec = (model: string) => ({
  format: 'ensemble-studio/ensemble@1',
  name: 'e',
  task: 'regression',
  members: [{ name: 'a', model }],
  combiner: { method: 'mean' },
});

describe('PathGrants', () => {
  let grants: PathGrants;
  beforeEach(() => {
    grants = new PathGrants();
  });

  it('treats names literally: a granted x[1].csv never allows x1.csv, nor x*.csv every x', () => {
    writeFileSync(at('project', 'x[1].csv'), 'a\n1\n');
    writeFileSync(at('project', 'x1.csv'), 'a\n2\n');
    writeFileSync(at('project', 'x*.csv'), 'a\n3\n');
    grants.grantFile(at('project', 'x[1].csv'), 'read');
    grants.grantFile(at('project', 'x*.csv'), 'read');
    expect(grants.check(at('project', 'x[1].csv'), 'read')).toEqual({
      ok: true,
      real: at('project', 'x[1].csv'),
    });
    expect(grants.check(at('project', 'x1.csv'), 'read').ok).toBe(false);
    expect(grants.check(at('project', 'data.csv'), 'read').ok).toBe(false);
    expect(grants.check(at('project', 'x?.csv'), 'read').ok).toBe(false);
  });

  it('allows a granted file and refuses an ungranted one', () => {
    grants.grantFile(at('project', 'data.csv'), 'read');
    expect(grants.check(at('project', 'data.csv'), 'read')).toMatchObject({ ok: true });
    expect(grants.check(at('outside', 'secret.csv'), 'read')).toEqual({ ok: false, reason: 'not granted' });
    // A file grant is that file only, not its neighbours.
    expect(grants.check(at('project', 'models', 'm.onnx'), 'read').ok).toBe(false);
  });

  it('refuses relative paths, NUL and any `..` segment', () => {
    grants.grantFolder(at('project'), 'read');
    expect(grants.check('project/data.csv', 'read')).toEqual({ ok: false, reason: 'not an absolute path' });
    expect(grants.check(`${at('project', 'data.csv')}\0`, 'read').ok).toBe(false);
    expect(grants.check(at('project') + '/../outside/secret.csv', 'read')).toEqual({
      ok: false,
      reason: "'..' in path",
    });
    // Even a `..` that stays inside the grant: the OS and path.resolve can disagree on it.
    expect(grants.check(at('project', 'models') + '/../data.csv', 'read').ok).toBe(false);
  });

  it('refuses a symlink that leads out of a granted folder', () => {
    grants.grantFolder(at('project'), 'read');
    expect(grants.check(at('project', 'models', 'm.onnx'), 'read')).toMatchObject({ ok: true });
    expect(grants.check(at('project', 'escape', 'secret.csv'), 'read').ok).toBe(false);
    expect(grants.check(at('project', 'secret-link.csv'), 'read').ok).toBe(false);
    expect(grants.check(at('project', 'dangling.csv'), 'write').ok).toBe(false);
  });

  it('follows a granted file through its symlink to the real file', () => {
    grants.grantFile(at('project', 'secret-link.csv'), 'read');
    expect(grants.check(at('outside', 'secret.csv'), 'read')).toMatchObject({
      ok: true,
      real: at('outside', 'secret.csv'),
    });
  });

  it('allows writing in a write-granted folder, not in its parent, and not with a read grant', () => {
    grants.grantFolder(at('project', 'graphs'), 'write'); // not created yet
    expect(grants.check(at('project', 'graphs'), 'write').ok).toBe(true);
    expect(grants.check(at('project', 'graphs', 'new', 'm.cpu.onnx'), 'write').ok).toBe(true);
    expect(grants.check(at('project', 'graphs', 'm.onnx'), 'read').ok).toBe(true);
    expect(grants.check(at('project', 'other.onnx'), 'write').ok).toBe(false);
    expect(grants.check(at('project', 'graphs-2', 'x'), 'write').ok).toBe(false);
    grants.grantFolder(at('project', 'models'), 'read');
    expect(grants.check(at('project', 'models', 'm.onnx'), 'write').ok).toBe(false);
  });

  it('allows a save target that does not exist yet, and only that one', () => {
    grants.grantFile(at('project', 'out', 'scored.csv'), 'write');
    expect(grants.check(at('project', 'out', 'scored.csv'), 'write').ok).toBe(true);
    expect(grants.check(at('project', 'out', 'scored.parquet'), 'write').ok).toBe(false);
    expect(grants.check(at('project', 'out'), 'write').ok).toBe(false);
  });

  it('widens a grant but never narrows it, and refuses to grant a bad path', () => {
    grants.grantFile(at('project', 'data.csv'), 'write');
    grants.grantFile(at('project', 'data.csv'), 'read');
    expect(grants.check(at('project', 'data.csv'), 'write').ok).toBe(true);
    expect(grants.size).toBe(1);
    expect(grants.grantFile('relative.csv', 'read')).toBe(false);
    expect(grants.grantFolder(at('project') + '/../outside', 'read')).toBe(false);
    expect(grants.size).toBe(1);
  });
});

/** One payload per contract call, every optional path field filled in (keyed by CallName: exhaustive). */
function fixtures(): Record<CallName, unknown> {
  const source = { specPath: at('p', 'e.ensemble.json') };
  return {
    'app.info': {},
    'workspace.load': {},
    'workspace.save': { state: {} },
    'models.inspect': { path: at('p', 'm.onnx') },
    'data.preview': { path: at('p', 'd.csv') },
    'ensembles.load': { path: at('p', 'e.ensemble.json') },
    'ensembles.save': { path: at('p', 'saved.ensemble.json'), spec: spec('models/m.onnx') },
    'ensembles.check': { ensemble: { spec: spec('m.onnx'), baseDir: at('p') }, input: at('p', 'd.csv') },
    'jobs.monitor': { ensemble: source, reference: at('p', 'ref.csv'), current: at('p', 'd.csv') },
    'jobs.score': { ensemble: source, input: at('p', 'd.csv'), output: at('p', 'out.csv') },
    'jobs.evaluate': { ensemble: source, input: at('p', 'd.csv'), label: 'y', report: at('p', 'r.html') },
    'jobs.optimize': {
      ensemble: source,
      input: at('p', 'd.csv'),
      label: 'y',
      method: 'greedy',
      output: at('p', 'o.ensemble.json'),
      report: at('p', 'r.html'),
    },
    'jobs.export': { ensemble: source, output: at('p', 'f.onnx'), check: at('p', 'd.csv') },
    'jobs.precision': {
      ensemble: source,
      input: at('p', 'd.csv'),
      variant: 'int8',
      output: at('p', 'v.onnx'),
    },
    'jobs.benchmark': { ensemble: source, input: at('p', 'd.csv'), saveOptimizedDir: at('p', 'graphs') },
    'jobs.cancel': { jobId: 'j' },
    'history.list': {},
    'history.show': { id: 1 },
    'history.compare': { a: 1, b: 2 },
    'whatif.preview': { runId: 1 },
    'jobs.whatif': { ensemble: source, runId: 1, drop: ['a'], save: at('p', 'w.ensemble.json') },
    'jobs.migrate': { ensemble: source, input: at('p', 'd.csv'), label: 'y', output: at('p', 'migrated') },
    'bundles.create': {
      ensemble: source,
      output: at('p', 'b.esb'),
      signKey: at('p', 'key.pem'),
      includeReport: at('p', 'r.html'),
    },
    'bundles.verify': { path: at('p', 'b.esb'), publicKey: at('p', 'key.pem.pub') },
    'bundles.open': { path: at('p', 'b.esb'), to: at('p', 'opened'), publicKey: at('p', 'key.pem.pub') },
    'bundles.keygen': { output: at('p', 'key.pem') },
    'service.start': { bundle: at('p', 'b.esb'), publicKey: at('p', 'key.pem.pub') },
    'service.stop': {},
    'service.status': {},
    'shards.merge': { parts: [at('p', 'part1.csv'), at('p', 'part2.csv')], output: at('p', 'merged.csv') },
  };
}

/** Every string in a payload that names a file under the temp root, with its dotted field. */
function pathLeaves(value: unknown, field = ''): { field: string; path: string }[] {
  if (typeof value === 'string') return value.startsWith(root) ? [{ field, path: value }] : [];
  if (Array.isArray(value))
    return value.flatMap((v, i) => pathLeaves(v, field ? `${field}.${i}` : String(i)));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => pathLeaves(v, field ? `${field}.${k}` : k));
  }
  return [];
}

const WRITES: Partial<Record<CallName, string[]>> = {
  'ensembles.save': ['path'],
  'jobs.score': ['output'],
  'jobs.evaluate': ['report'],
  'jobs.optimize': ['output', 'report'],
  'jobs.export': ['output'],
  'jobs.precision': ['output'],
  'jobs.benchmark': ['saveOptimizedDir'],
  'jobs.whatif': ['save'],
  'jobs.migrate': ['output'],
  'bundles.create': ['output'],
  'bundles.open': ['to'],
  'bundles.keygen': ['output'],
  'shards.merge': ['output'],
};

describe('the path map of each contract call', () => {
  it('has an entry for every call in the contract', () => {
    expect(Object.keys(CALL_PATHS).sort()).toEqual([...callNames].sort());
  });

  it.each(callNames)('%s: names every path in its payload, with the right mode', (name) => {
    const parsed = parseCallInput(name, fixtures()[name]);
    const uses = pathsOf(name, parsed as never);
    // Every absolute path in the payload is in the map (members: resolved against the folder).
    for (const leaf of pathLeaves(parsed)) {
      if (leaf.field === 'ensemble.baseDir') continue; // checked through its members
      expect(uses.map((u) => u.field)).toContain(leaf.field);
    }
    for (const u of uses) {
      const expected = (WRITES[name] ?? []).includes(u.field) ? 'write' : 'read';
      expect([u.field, u.mode]).toEqual([u.field, expected]);
    }
    // Nothing granted: a call with paths is refused at one of them; one without is allowed.
    const refusal = checkCallPaths(name, parsed as never, new PathGrants());
    if (uses.length === 0) expect(refusal).toBeNull();
    else {
      expect(uses.map((u) => u.field)).toContain(refusal?.field);
      expect(refusal?.message).toMatch(/^path not opened through the app: /);
    }
    // Everything granted as the map says: allowed.
    const grants = new PathGrants();
    for (const u of uses) {
      if (u.folder) grants.grantFolder(u.path, u.mode);
      else grants.grantFile(u.path, u.mode);
    }
    expect(checkCallPaths(name, parsed as never, grants)).toBeNull();
  });

  it("checks an in-memory spec's members against its baseDir, and its baseDir's shape", () => {
    const grants = new PathGrants();
    grants.grantFile(at('project', 'models', 'm.onnx'), 'read');
    const check = (input: unknown) =>
      checkCallPaths('ensembles.check', parseCallInput('ensembles.check', input), grants);
    expect(check({ ensemble: { spec: spec('models/m.onnx'), baseDir: at('project') } })).toBeNull();
    expect(check({ ensemble: { spec: spec(at('project', 'models', 'm.onnx')), baseDir: '/' } })).toBeNull();
    expect(
      check({ ensemble: { spec: spec('../outside/secret.csv'), baseDir: at('project') } }),
    ).toMatchObject({
      field: 'ensemble.spec.members.0.model',
    });
    expect(check({ ensemble: { spec: spec('models/m.onnx'), baseDir: 'project' } })).toMatchObject({
      field: 'ensemble.baseDir',
    });
  });
});

describe('dispatchGrantedCall', () => {
  const calls: { name: string; input: unknown }[] = [];
  const handlers = Object.fromEntries(
    callNames.map((name) => [
      name,
      vi.fn(async (input: unknown) => {
        calls.push({ name, input });
        if (name === 'ensembles.load')
          return { path: at('project', 'e.ensemble.json'), spec: spec('models/m.onnx') };
        return { echo: input };
      }),
    ]),
  ) as unknown as Handlers;

  it('runs a call whose paths are granted', async () => {
    const grants = new PathGrants();
    grants.grantFile(at('project', 'data.csv'), 'read');
    const outcome = await dispatchGrantedCall(
      handlers,
      'data.preview',
      { path: at('project', 'data.csv') },
      grants,
    );
    expect(outcome).toEqual({
      rejected: false,
      reply: { ok: true, result: { echo: { path: at('project', 'data.csv'), rows: 200 } } },
    });
  });

  it('refuses an ungranted path with the typed error, and the handler does not run', async () => {
    const before = calls.length;
    const outcome = await dispatchGrantedCall(
      handlers,
      'jobs.score',
      {
        ensemble: { specPath: at('project', 'e.ensemble.json') },
        input: at('project', 'data.csv'),
        output: '/tmp/x.csv',
      },
      new PathGrants(),
    );
    expect(outcome).toEqual({
      rejected: true,
      reply: {
        ok: false,
        error: {
          code: 'bad_input',
          message: `path not opened through the app: ${at('project', 'e.ensemble.json')}`,
          location: { field: 'ensemble.specPath' },
        },
      },
    });
    expect(calls.length).toBe(before);
  });

  it('still refuses malformed payloads and unknown calls before the paths', async () => {
    const grants = new PathGrants();
    await expect(dispatchGrantedCall(handlers, 'data.preview', { path: 5 }, grants)).resolves.toMatchObject({
      rejected: true,
      reply: { ok: false, error: { code: 'bad_input', location: { field: 'path' } } },
    });
    await expect(dispatchGrantedCall(handlers, 'no.such', {}, grants)).resolves.toMatchObject({
      rejected: true,
      reply: { ok: false, error: { location: { field: '(call)' } } },
    });
  });

  it("grants a loaded spec's members (not its whole folder)", async () => {
    const grants = new PathGrants();
    grants.grantFile(at('project', 'e.ensemble.json'), 'read');
    const loaded = await dispatchGrantedCall(
      handlers,
      'ensembles.load',
      { path: at('project', 'e.ensemble.json') },
      grants,
    );
    expect(loaded.reply.ok).toBe(true);
    expect(grants.check(at('project', 'models', 'm.onnx'), 'read').ok).toBe(true);
    expect(grants.check(at('project', 'data.csv'), 'read').ok).toBe(false);
  });
});

describe('grants from the history', () => {
  const run = {
    kind: 'score',
    params: {
      ensemble: { spec: spec('m.onnx'), baseDir: at('project', 'models') },
      input: at('project', 'data.csv'),
      output: at('project', 'scored.csv'),
    },
    ensemble: { specPath: null, spec: spec('m.onnx') },
    producedVersion: null,
    dataset: { path: at('project', 'data.csv') },
    members: [{ modelPath: at('project', 'models', 'm.onnx') }],
    outputPath: at('project', 'scored.csv'),
  };

  it('showing a run grants nothing: the history also holds runs the CLI recorded', () => {
    const grants = new PathGrants();
    grantFromResult('history.show', run, grants);
    expect(grants.size).toBe(0);
    const parsed = parseCallInput('jobs.score', run.params) as ParsedInput<'jobs.score'>;
    expect(checkCallPaths('jobs.score', parsed, grants)).toMatchObject({
      field: 'ensemble.spec.members.0.model',
    });
  });

  it('a confirmed re-run may read the exact files the run read, and must pick its output again', () => {
    const grants = new PathGrants();
    const files = rerunGrants(run as never);
    expect(files.sort()).toEqual([at('project', 'data.csv'), at('project', 'models', 'm.onnx')].sort());
    for (const file of files) grants.grantFile(file, 'read');
    const parsed = parseCallInput('jobs.score', run.params) as ParsedInput<'jobs.score'>;
    // Nothing is writable until the user picks the output with a Save dialog.
    expect(checkCallPaths('jobs.score', parsed, grants)).toMatchObject({ field: 'output' });
    expect(grants.check(at('project', 'data.csv'), 'write').ok).toBe(false);
    expect(grants.check(at('project', 'scored.csv'), 'write').ok).toBe(false);
    // Read grants are the files, not their folders.
    expect(grants.check(at('project', 'other.csv'), 'read').ok).toBe(false);
    grants.grantFile(at('project', 'scored.csv'), 'write');
    expect(checkCallPaths('jobs.score', parsed, grants)).toBeNull();
  });

  it('grants nothing for other calls', () => {
    const grants = new PathGrants();
    grantFromResult('data.preview', { path: at('outside', 'secret.csv') }, grants);
    grantFromResult('history.list', [{ datasetPath: at('outside', 'secret.csv') }], grants);
    expect(grants.size).toBe(0);
  });
});
