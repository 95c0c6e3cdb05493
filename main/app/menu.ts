/**
 * The native menu bar: File (open a model, data or ensemble; recent files), Edit, View, Window,
 * Help. Opening from the menu shows the dialog here and tells the renderer which file was chosen.
 */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { FileKind, RecentFile } from '../../preload/app-calls';

export interface MenuActions {
  open(kind: FileKind): void;
  openRecent(file: RecentFile): void;
  clearRecent(): void;
}

const KIND_LABEL: Readonly<Record<FileKind, string>> = {
  model: 'Model',
  data: 'Data',
  ensemble: 'Ensemble',
  bundle: 'Bundle',
  publicKey: 'Public key',
};
const isMac = process.platform === 'darwin';

export function buildMenu(recent: readonly RecentFile[], historyPath: string, actions: MenuActions): Menu {
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...recent.map((file) => ({
            label: `${KIND_LABEL[file.kind]}: ${file.path}`,
            click: () => actions.openRecent(file),
          })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Model…', accelerator: 'CmdOrCtrl+I', click: () => actions.open('model') },
        { label: 'Open Data…', accelerator: 'CmdOrCtrl+O', click: () => actions.open('data') },
        { label: 'Open Ensemble…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.open('ensemble') },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        // DevTools only in development: a packaged app keeps its renderer closed.
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: `Ensemble Studio ${app.getVersion()}`, enabled: false },
        { label: 'Show History Database', click: () => shell.showItemInFolder(historyPath) },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
