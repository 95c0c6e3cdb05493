/**
 * The window's size, position and maximised state, remembered in a small JSON file in userData.
 * A missing, corrupt or implausible file gives the defaults: it must never stop the app starting.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';

const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 860, maximized: false };

export const WINDOW_STATE_FILE = 'window-state.json';

export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Written aside and renamed, so a crash mid-write leaves the previous state, not half a file. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(state, null, 2));
  await rename(temp, file);
}

/** Keeps a remembered position only if it is still on one of the screens (monitors change). */
export function placeOnScreens(
  state: WindowState,
  screens: readonly { x: number; y: number; width: number; height: number }[],
): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = screens.some(
    (s) => x >= s.x && y >= s.y && x + 100 <= s.x + s.width && y + 50 <= s.y + s.height,
  );
  if (visible) return state;
  return { width: state.width, height: state.height, maximized: state.maximized };
}
