/**
 * Desktop-only calls that are not (yet) in the contract: native file dialogs and the files the
 * menu opens. Declared here with zod schemas like the contract's calls, and checked in main/app
 * the same way. Channel names are shared by main/app/ipc.ts and preload/index.ts.
 *
 * TODO(contract): move these into contract/contract.ts as optional desktop calls.
 */
import * as z from 'zod';

export const CHANNELS = {
  /** invoke: (name, input) → CallReply — every contract call */
  call: 'studio:call',
  /** main → renderer: (eventName, payload) — the contract's events */
  event: 'studio:event',
  /** invoke: (name, input) → CallReply — the app calls below */
  app: 'studio:app',
  /** main → renderer: (FileOpened) — a file chosen from the File menu or the recent list */
  fileOpened: 'studio:file-opened',
  /**
   * renderer → main (send, no reply): the path of a file dropped on the window, resolved by the
   * preload with webUtils.getPathForFile. Sent by the preload only (the page cannot reach
   * ipcRenderer), so main grants it; sent before any call that uses it, and IPC keeps the order.
   */
  dropped: 'studio:dropped',
} as const;

export const FileKindSchema = z.enum(['model', 'data', 'ensemble', 'bundle', 'publicKey']);
export type FileKind = z.infer<typeof FileKindSchema>;

export const SaveKindSchema = z.enum(['ensemble', 'output', 'report', 'model']);
export type SaveKind = z.infer<typeof SaveKindSchema>;

export const appCalls = {
  /** A native open dialog; resolves with the chosen path, or null when cancelled. */
  'dialog.openFile': z.strictObject({ kind: FileKindSchema }),
  /** A native save dialog; resolves with the chosen path, or null when cancelled. */
  'dialog.saveFile': z.strictObject({
    kind: SaveKindSchema,
    /** A suggested file name (no folder: the renderer never names paths). */
    defaultName: z
      .string()
      .max(255)
      .regex(/^[^/\\]*$/, 'a file name, not a path')
      .optional(),
  }),
  /** A native folder dialog for a folder the app writes into; the chosen path, or null. */
  'dialog.openFolder': z.strictObject({}),
  /** The recent files list, newest first. */
  'recent.list': z.strictObject({}),
  /**
   * Before re-running a run from the History: a native dialog lists the files the run read and
   * asks the user; on yes those exact files become readable (never writable, never their folders).
   * Resolves with the files granted, or null when the user said no.
   */
  'history.allowRerun': z.strictObject({ runId: z.number().int().min(1) }),
} as const;

export type AppCallName = keyof typeof appCalls;
export type AppCallInput<K extends AppCallName> = z.input<(typeof appCalls)[K]>;

export interface RecentFile {
  kind: FileKind;
  path: string;
}

export interface AppCallOutputs {
  'dialog.openFile': string | null;
  'dialog.saveFile': string | null;
  'dialog.openFolder': string | null;
  'recent.list': RecentFile[];
  'history.allowRerun': string[] | null;
}

export interface FileOpened {
  kind: FileKind;
  path: string;
}

export function isAppCallName(name: string): name is AppCallName {
  return Object.prototype.hasOwnProperty.call(appCalls, name);
}

/** What the desktop preload adds to `window.studio` as `desktop`; absent in a plain browser. */
export interface DesktopApi {
  openFile(input: AppCallInput<'dialog.openFile'>): Promise<string | null>;
  saveFile(input: AppCallInput<'dialog.saveFile'>): Promise<string | null>;
  /** A folder the app may write into (e.g. benchmark's optimised graphs). Optional: newer preloads only. */
  openFolder?(): Promise<string | null>;
  recentFiles(): Promise<RecentFile[]>;
  /**
   * Asks the user (native dialog) to let a past run's input files be read again, for a re-run from
   * the History; the granted files, or null when declined. Optional: newer preloads only. The
   * run's output must be chosen again with saveFile.
   */
  allowRerun?(runId: number): Promise<string[] | null>;
  /** Files opened from the File menu or the recent list. */
  onFileOpened(listener: (file: FileOpened) => void): () => void;
  /**
   * The path of a file dropped on the window (Electron removed File.path). In the desktop app
   * the file is also granted for reading, so the contract calls accept its path.
   */
  pathForFile(file: unknown): string;
}
