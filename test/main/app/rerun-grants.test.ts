/** Re-running from the History: the user is asked, then only the run's input files become readable. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PathGrants } from '../../../main/app/path-grants';
import { allowRerun } from '../../../main/app/rerun-grants';
import type { Handlers } from '../../../contract/contract';

const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'rerun-grants-')));
const at = (...parts: string[]) => path.join(root, ...parts);
mkdirSync(at('models'));
writeFileSync(at('data.csv'), 'a\n1\n');
writeFileSync(at('models', 'm.onnx'), 'x');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const spec = {
  format: 'ensemble-studio/ensemble@1',
  name: 'e',
  task: 'regression',
  members: [{ name: 'a', model: 'm.onnx' }],
  combiner: { method: 'mean' },
};
const run = {
  id: 7,
  kind: 'score',
  params: { ensemble: { spec, baseDir: at('models') }, input: at('data.csv'), output: at('out.csv') },
  ensemble: { specPath: null, spec },
  producedVersion: null,
  dataset: { path: at('data.csv') },
  members: [{ modelPath: at('models', 'm.onnx') }],
  outputPath: at('out.csv'),
};
const handlers = { 'history.show': async () => run } as unknown as Pick<Handlers, 'history.show'>;

describe('allowRerun', () => {
  it("asks with the run's files and, when allowed, grants them for reading only", async () => {
    const grants = new PathGrants();
    const asked: string[][] = [];
    const granted = await allowRerun(
      handlers,
      async (id, files) => {
        expect(id).toBe(7);
        asked.push([...files]);
        return true;
      },
      grants,
      7,
    );
    expect(asked).toHaveLength(1);
    expect(granted?.sort()).toEqual([at('data.csv'), at('models', 'm.onnx')].sort());
    expect(grants.check(at('data.csv'), 'read').ok).toBe(true);
    expect(grants.check(at('data.csv'), 'write').ok).toBe(false);
    expect(grants.check(at('out.csv'), 'write').ok).toBe(false);
  });

  it('grants nothing when the user says no', async () => {
    const grants = new PathGrants();
    expect(await allowRerun(handlers, async () => false, grants, 7)).toBeNull();
    expect(grants.size).toBe(0);
  });
});
