/**
 * Native open/save dialogs: the only way the renderer gets a path in the desktop app (besides
 * drag-and-drop). Each chosen path is granted (path-grants.ts): an opened file for reading, a
 * save target or a chosen folder for writing. Opened files are added to the recent lists.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import type { FileKind, RecentFile, SaveKind } from '../../preload/app-calls';
import { OPEN_FILTERS, OPEN_TITLES, RECENT_KINDS, SAVE_FILTERS } from './file-filters';
import type { PathGrants } from './path-grants';
import type { RecentFiles } from './recent-files';

export class Dialogs {
  constructor(
    private readonly getWindow: () => BrowserWindow | null,
    private readonly recent: RecentFiles,
    private readonly onRecentChanged: () => void,
    private readonly grants: PathGrants,
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
    this.grants.grantFile(chosen, 'read');
    if (RECENT_KINDS.has(kind)) await this.remember(kind, chosen);
    return chosen;
  }

  /** A file from the File menu's recent list: the user picked it from the app's own menu. */
  async openRecent(file: RecentFile): Promise<void> {
    this.grants.grantFile(file.path, 'read');
    await this.remember(file.kind, file.path);
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
    if (result.canceled || !result.filePath) return null;
    this.grants.grantFile(result.filePath, 'write');
    return result.filePath;
  }

  /** A folder the app writes into (benchmark's optimised graphs); granted for writing. */
  async openFolder(): Promise<string | null> {
    const window = this.getWindow();
    const options: Electron.OpenDialogOptions = {
      title: 'Choose a Folder',
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    };
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    const chosen = result.canceled ? undefined : result.filePaths[0];
    if (!chosen) return null;
    this.grants.grantFolder(chosen, 'write');
    return chosen;
  }

  /**
   * Asks whether a past run may read its input files again (a re-run from the History). The files
   * come from the history, which the CLI writes too, so the user sees each one before any is
   * granted, and then only for reading.
   */
  async confirmRerun(runId: number, files: readonly string[]): Promise<boolean> {
    const window = this.getWindow();
    const shown = files.slice(0, 12).map((f) => `• ${f}`);
    if (files.length > shown.length) shown.push(`… and ${files.length - shown.length} more`);
    const options: Electron.MessageBoxOptions = {
      type: 'question',
      buttons: ['Allow', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      title: 'Re-run from the History',
      message: `Let run #${runId} read these files again?`,
      detail:
        `${shown.join('\n')}\n\nThey are opened for reading only. ` +
        'You choose where the new results go before the run starts.',
    };
    const result = window
      ? await dialog.showMessageBox(window, options)
      : await dialog.showMessageBox(options);
    return result.response === 0;
  }

  async remember(kind: FileKind, path: string): Promise<void> {
    app.addRecentDocument(path);
    await this.recent.add({ kind, path });
    this.onRecentChanged();
  }
}
