/**
 * The desktop app's entry (bundled to out/main/index.js). Thin by design: it wires the engine to
 * one hardened window through IPC, the app:// protocol, the menu and the dialogs. All behaviour
 * is the engine's.
 */
// First: ONNX Runtime must not start its telemetry (main/runtime/no-telemetry.ts).
import '../runtime/no-telemetry';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine/create-engine';
import { demoDir } from '../environment/resources';
import { defaultHistoryPath } from '../history/default-path';
import { CHANNELS, type FileKind, type FileOpened } from '../../preload/app-calls';
import type { Engine } from '../adapters/engine';
import { APP_INDEX_URL } from './app-origin';
import { main as runCli } from '../cli';
import { cliArguments, runHeadless } from './cli-routing';
import { Dialogs } from './dialogs';
import { spawnUtilityHost } from './engine-process';
import { registerIpc } from './ipc';
import { allowRerun } from './rerun-grants';
import { PathGrants } from './path-grants';
import { buildMenu } from './menu';
import { appPaths } from './paths';
import { denyAllPermissions } from './permissions';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { RECENT_FILES_FILE, RecentFiles } from './recent-files';
import { createMainWindow, guardNavigation } from './window';
import { WINDOW_STATE_FILE } from './window-state';

const paths = appPaths(path.dirname(fileURLToPath(import.meta.url)));
// electron-vite sets this in `dev` only; a packaged app always loads app://.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;

let mainWindow: BrowserWindow | null = null;

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();
registerAppScheme();

// `ensemble-studio score …`: the command line, headless, beside any open window.
const cliArgs = cliArguments(process.argv, app.isPackaged);
if (cliArgs) {
  app.dock?.hide();
  void runHeadless(cliArgs, {
    whenReady: () => app.whenReady(),
    runCli: (args) => runCli(args, { spawnHost: () => spawnUtilityHost(paths.engineHost) }),
    exit: (code) => app.exit(code),
  });
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, devServerOrigin));
  app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  const historyPath = defaultHistoryPath();
  let engine: Engine;
  try {
    engine = await createEngine({ historyPath, spawnHost: () => spawnUtilityHost(paths.engineHost) });
  } catch (error) {
    return fail(error);
  }

  denyAllPermissions(session.defaultSession);
  serveAppProtocol(session.defaultSession, paths.rendererDir);

  const getWindow = () => mainWindow;
  // The paths the page may name (path-grants.ts): what the user opens through the app, and the
  // bundled demo, readable from the start.
  const grants = new PathGrants();
  grants.grantFolder(demoDir(), 'read');
  const recent = await RecentFiles.load(path.join(app.getPath('userData'), RECENT_FILES_FILE));
  const notifyOpened = (file: FileOpened) => mainWindow?.webContents.send(CHANNELS.fileOpened, file);
  const refreshMenu = () =>
    Menu.setApplicationMenu(
      buildMenu(recent.list(), historyPath, {
        open: (kind: FileKind) =>
          void dialogs.openFile(kind).then((chosen) => chosen && notifyOpened({ kind, path: chosen })),
        openRecent: (file) => void dialogs.openRecent(file).then(() => notifyOpened(file)),
        clearRecent: () => {
          app.clearRecentDocuments();
          void recent.clear().then(refreshMenu);
        },
      }),
    );
  const dialogs = new Dialogs(getWindow, recent, refreshMenu, grants);
  refreshMenu();

  registerIpc({
    engine,
    grants,
    getWindow,
    ...(devServerOrigin ? { devServerOrigin } : {}),
    appHandlers: {
      'dialog.openFile': ({ kind }) => dialogs.openFile(kind),
      'dialog.saveFile': ({ kind, defaultName }) => dialogs.saveFile(kind, defaultName),
      'dialog.openFolder': () => dialogs.openFolder(),
      'recent.list': async () => recent.list(),
      'history.allowRerun': ({ runId }) =>
        allowRerun(engine.handlers, (id, files) => dialogs.confirmRerun(id, files), grants, runId),
    },
  });

  const openWindow = async () => {
    mainWindow = await createMainWindow({
      preloadPath: paths.preload,
      stateFile: path.join(app.getPath('userData'), WINDOW_STATE_FILE),
      url: devServerUrl ?? APP_INDEX_URL,
      ...(devServerOrigin ? { devServerOrigin } : {}),
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  await openWindow();

  app.on('activate', () => {
    if (!mainWindow) void openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Running jobs are stopped and the history closed before the process ends.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void engine.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Ensemble Studio could not start', message);
  app.exit(1);
}
