/**
 * `window.studio` for the renderer's TypeScript. In the desktop app the preload provides it
 * (with `desktop`); in a plain browser it is absent and the renderer uses
 * `createBridgeClient()` from preload/bridge-client.ts instead (without `desktop`).
 */
import type { StudioApi } from '../contract/contract';
import type { DesktopApi } from './app-calls';

export type WindowStudio = StudioApi & { desktop?: DesktopApi };

declare global {
  interface Window {
    studio?: WindowStudio;
  }
}

export {};
