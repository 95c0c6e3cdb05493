import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHistory } from '../../../main/history/open-history';
import { loadWorkspace, saveWorkspace, MAX_WORKSPACE_BYTES } from '../../../main/history/workspace';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('es-workspace-');
afterAll(() => temp.cleanup());

describe('workspace', () => {
  it('is empty before the first save, and reads back what was saved after the file is reopened', () => {
    const path = join(temp.dir, 'h1.sqlite');
    const db = openHistory(path);
    expect(loadWorkspace(db)).toEqual({ state: null, savedAt: null });
    saveWorkspace(
      db,
      { models: ['/m/a.onnx'], draft: { name: 'blend', weights: [1, 2] } },
      'default',
      '2026-12-02T03:00:00.000Z',
    );
    saveWorkspace(db, { models: ['/m/a.onnx', '/m/b.onnx'] }, 'default', '2026-12-02T03:01:00.000Z');
    db.close();
    const again = openHistory(path);
    expect(loadWorkspace(again)).toEqual({
      state: { models: ['/m/a.onnx', '/m/b.onnx'] },
      savedAt: '2026-12-02T03:01:00.000Z',
    });
    again.close();
  });

  it('refuses an absurdly large workspace and keeps the saved one', () => {
    const path = join(temp.dir, 'h2.sqlite');
    const db = openHistory(path);
    saveWorkspace(db, { a: 1 });
    expect(() => saveWorkspace(db, { blob: 'x'.repeat(MAX_WORKSPACE_BYTES) })).toThrow(/too large/);
    expect(loadWorkspace(db).state).toEqual({ a: 1 });
    db.close();
  });

  it('opens the app with an empty workspace when the stored one is damaged', () => {
    const path = join(temp.dir, 'h3.sqlite');
    openHistory(path).close();
    const raw = new Database(path);
    raw.prepare(`INSERT INTO workspace (name, json, saved_at) VALUES ('default', '{not json', 'x')`).run();
    raw.close();
    const db = openHistory(path);
    expect(loadWorkspace(db)).toEqual({ state: null, savedAt: null });
    db.close();
  });
});
