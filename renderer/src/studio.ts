/**
 * The renderer's one door to the world. In the desktop app the preload exposes `window.studio`
 * (with `desktop`: native dialogs, dropped files, the File menu); in a plain browser (end-to-end
 * tests, headless boxes) the same API is served by the loopback HTTP bridge, reached through the
 * bridge client (fetch + EventSource, same origin, token from `<meta name="studio-token">`).
 */
import type { StudioApi } from '../../contract/contract';
import { createBridgeClient } from '../../preload/bridge-client';
import type { DesktopApi, FileKind, SaveKind } from '../../preload/app-calls';
import type {} from '../../preload/window-types';

export type { FileKind, SaveKind };

let instance: StudioApi | null = null;

export function getStudio(): StudioApi {
  instance ??= window.studio ?? createBridgeClient();
  return instance;
}

/** Desktop-only calls (native dialogs, dropped files, File menu); null in a browser. */
export function desktop(): DesktopApi | null {
  return window.studio?.desktop ?? null;
}

/** True inside the desktop app (native dialogs and drag-and-drop available). */
export function isDesktop(): boolean {
  return desktop() !== null;
}
