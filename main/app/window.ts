/**
 * The one main window: hardened options (window-options.ts), remembered bounds, and guards that
 * keep it on our own page — no navigation away, no new windows, no webviews.
 */
import { BrowserWindow, screen, shell, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { isAllowedExternalUrl } from './external-links';
import { mainWindowOptions } from './window-options';
import { loadWindowState, placeOnScreens, saveWindowState, type WindowState } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  /** Where the window state is remembered (userData/window-state.json). */
  stateFile: string;
  /** The page to load: app://studio/index.html, or the dev server in development. */
  url: string;
  devServerOrigin?: string;
}

export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const remembered = await loadWindowState(options.stateFile);
  const state = placeOnScreens(
    remembered,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow(mainWindowOptions(state, options.preloadPath));
  rememberState(window, options.stateFile);

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  await window.loadURL(options.url);
  return window;
}

/** Applied to every webContents the app creates (main.ts), not only the main window's. */
export function guardNavigation(contents: WebContents, devServerOrigin: string | undefined): void {
  // The UI is a single page: any navigation (a dropped file, a link, a script) is refused.
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerOrigin)) event.preventDefault();
  });
  // No new windows. A link to one of the few pages the app names (external-links.ts) opens in the
  // user's browser instead; any other URL is refused and logged.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    else console.warn(`Refused to open an outside page the app does not link to: ${url.slice(0, 300)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function rememberState(window: BrowserWindow, stateFile: string): void {
  // Saved on close only: bounds while maximised are the restored bounds, which is what to remember.
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    void saveWindowState(stateFile, state).catch(() => undefined);
  });
}
