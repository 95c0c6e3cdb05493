import os from 'node:os';
import path from 'node:path';

export const HISTORY_FILE_NAME = 'history.sqlite';

/**
 * Where the history lives unless `--history` says otherwise: `$ENSEMBLE_STUDIO_HOME/history.sqlite`
 * when set, else the platform's per-user data folder. The CLI and the desktop app both call this,
 * so they share one history. Arguments exist for tests; callers pass nothing.
 */
export function defaultHistoryPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.ENSEMBLE_STUDIO_HOME) return path.join(env.ENSEMBLE_STUDIO_HOME, HISTORY_FILE_NAME);
  return platformPath(platform).join(userDataFolder(env, platform, home), HISTORY_FILE_NAME);
}

function userDataFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'Ensemble Studio');
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', 'Ensemble Studio');
    default: {
      // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
      const xdg = env.XDG_DATA_HOME;
      const base = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'share');
      return path.posix.join(base, 'ensemble-studio');
    }
  }
}

function platformPath(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}
