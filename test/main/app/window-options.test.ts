import { describe, expect, it } from 'vitest';
import { MIN_WIDTH, mainWindowOptions } from '../../../main/app/window-options';
import { DEFAULT_WINDOW_STATE } from '../../../main/app/window-state';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions(DEFAULT_WINDOW_STATE, '/app/out/preload/index.cjs');
  const prefs = options.webPreferences!;

  it('has every hardened flag of the security checklist', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
    expect(prefs.enableBlinkFeatures ?? '').toBe('');
  });

  it('is usable from 1024 px wide and starts hidden until painted', () => {
    expect(options.minWidth).toBe(MIN_WIDTH);
    expect(MIN_WIDTH).toBeLessThanOrEqual(1024);
    expect(options.show).toBe(false);
  });

  it('uses a remembered position', () => {
    const placed = mainWindowOptions({ x: 10, y: 20, width: 1200, height: 800, maximized: false }, '/p');
    expect(placed).toMatchObject({ x: 10, y: 20, width: 1200, height: 800 });
  });
});
