import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  placeOnScreens,
  saveWindowState,
} from '../../../main/app/window-state';
import { MAX_RECENT, RecentFiles } from '../../../main/app/recent-files';

const dir = () => mkdtempSync(path.join(tmpdir(), 'app-state-'));

describe('window state', () => {
  it('round-trips through its JSON file', async () => {
    const file = path.join(dir(), 'nested', 'window-state.json');
    await saveWindowState(file, { x: 5, y: 6, width: 1300, height: 900, maximized: true });
    await expect(loadWindowState(file)).resolves.toEqual({
      x: 5,
      y: 6,
      width: 1300,
      height: 900,
      maximized: true,
    });
  });

  it('falls back to the defaults for a missing, corrupt or implausible file', async () => {
    const d = dir();
    await expect(loadWindowState(path.join(d, 'none.json'))).resolves.toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(path.join(d, 'bad.json'), '{nope');
    await expect(loadWindowState(path.join(d, 'bad.json'))).resolves.toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(path.join(d, 'tiny.json'), JSON.stringify({ width: 5, height: 5 }));
    await expect(loadWindowState(path.join(d, 'tiny.json'))).resolves.toEqual(DEFAULT_WINDOW_STATE);
  });

  it('forgets a position that is on no screen any more', () => {
    const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    const state = { x: 3000, y: 10, width: 1200, height: 800, maximized: false };
    expect(placeOnScreens(state, screens)).toEqual({ width: 1200, height: 800, maximized: false });
    expect(placeOnScreens({ ...state, x: 100 }, screens)).toEqual({ ...state, x: 100 });
  });
});

describe('recent files', () => {
  it('keeps the newest first, without duplicates, capped, and persisted', async () => {
    const file = path.join(dir(), 'recent-files.json');
    const recent = await RecentFiles.load(file);
    await recent.add({ kind: 'model', path: '/m/a.onnx' });
    await recent.add({ kind: 'data', path: '/d/b.csv' });
    await recent.add({ kind: 'model', path: '/m/a.onnx' });
    expect(recent.list()).toEqual([
      { kind: 'model', path: '/m/a.onnx' },
      { kind: 'data', path: '/d/b.csv' },
    ]);
    for (let i = 0; i < MAX_RECENT + 3; i++) await recent.add({ kind: 'data', path: `/d/${i}.csv` });
    expect(recent.list()).toHaveLength(MAX_RECENT);
    const reloaded = await RecentFiles.load(file);
    expect(reloaded.list()[0]).toEqual({ kind: 'data', path: `/d/${MAX_RECENT + 2}.csv` });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(MAX_RECENT);
  });

  it('starts empty from a corrupt file', async () => {
    const file = path.join(dir(), 'recent-files.json');
    writeFileSync(file, JSON.stringify([{ kind: 'virus', path: 1 }]));
    expect((await RecentFiles.load(file)).list()).toEqual([]);
  });
});
