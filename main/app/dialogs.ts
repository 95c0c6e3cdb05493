/**
 * Native open/save dialogs: the only way the renderer gets a path in the desktop app (besides
 * drag-and-drop). Opened files are added to the recent lists.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import type { FileKind, SaveKind } from '../../preload/app-calls';
import { OPEN_FILTERS, OPEN_TITLES, SAVE_FILTERS } from './file-filters';
import type { RecentFiles } from './recent-files';

export class Dialogs {
  constructor(
    private readonly getWindow: () => BrowserWindow | null,
    private readonly recent: RecentFiles,
    private readonly onRecentChanged: () => void,
  ) {}

  async openFile(kind: FileKind): Promise<string | null> {
    const window = this.getWindow();
    const options: Electron.OpenDialogOptions = {
      title: OPEN_TITLES[kind],
      filters: OPEN_FILTERS[kind],
      properties: ['openFile'],
    };
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    const chosen = result.canceled ? undefined : result.filePaths[0];
    if (!chosen) return null;
    await this.remember(kind, chosen);
    return chosen;
  }

  async saveFile(kind: SaveKind, defaultName?: string): Promise<string | null> {
    const window = this.getWindow();
    const options: Electron.SaveDialogOptions = {
      filters: SAVE_FILTERS[kind],
      ...(defaultName ? { defaultPath: defaultName } : {}),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }

  async remember(kind: FileKind, path: string): Promise<void> {
    app.addRecentDocument(path);
    await this.recent.add({ kind, path });
    this.onRecentChanged();
  }
}
