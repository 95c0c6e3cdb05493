/**
 * The renderer's origin in the desktop app: `app://studio/…`. Everything that decides whether a
 * page or a message is ours compares against this one place. Pure (no electron import) so it is
 * tested under plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` belongs to the app's own renderer: app://studio, or — in development only —
 * the exact origin of electron-vite's dev server. Anything else (file:, http: elsewhere,
 * about:blank, an iframe from another origin, a malformed URL) is not ours.
 */
export function isAppUrl(url: string | undefined | null, devServerOrigin?: string): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  return devServerOrigin !== undefined && devServerOrigin !== '' && parsed.origin === devServerOrigin;
}
