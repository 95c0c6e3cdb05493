/**
 * Every IPC message is checked for who sent it, as VS Code's validated ipcMain does: the frame
 * that sent it must be the main frame of our window, showing our own app:// page. A message from
 * a navigated-away page, a subframe or another webContents is dropped. Pure, for testing.
 */
import { isAppUrl } from './app-origin';

/** The parts of an IpcMainInvokeEvent the check reads (structural, so tests need no Electron). */
export interface SenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface TrustedSender {
  /** The webContents id of our window; undefined before the window exists. */
  webContentsId: number | undefined;
  /** electron-vite's dev server origin when running unpackaged in development. */
  devServerOrigin?: string;
}

export function isTrustedSender(event: SenderLike, trusted: TrustedSender): boolean {
  const frame = event.senderFrame;
  // The frame is null once it has navigated away or been destroyed: the message is stale.
  if (!frame) return false;
  if (frame.parent !== null) return false;
  if (trusted.webContentsId === undefined || event.sender.id !== trusted.webContentsId) return false;
  return isAppUrl(frame.url, trusted.devServerOrigin);
}
