/**
 * The main window's construction options, hardened per Electron's security checklist. Kept apart
 * from window.ts (and free of runtime electron imports) so a test can assert every flag.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { WindowState } from './window-state';

export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 640;

export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // The renderer sees only what the preload exposes, in its own JavaScript world…
    contextIsolation: true,
    // …runs in Chromium's OS-level sandbox…
    sandbox: true,
    // …and has no Node: not in the page, not in workers, not in subframes.
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function mainWindowOptions(state: WindowState, preloadPath: string): BrowserWindowConstructorOptions {
  return {
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'Ensemble Studio',
    // Shown once the first paint is ready, so the user never sees a white flash.
    show: false,
    backgroundColor: '#1e1f24',
    webPreferences: hardenedWebPreferences(preloadPath),
  };
}
