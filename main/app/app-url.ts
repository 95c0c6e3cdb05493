/**
 * Maps an app:// request to a file in the built renderer folder, or to nothing. Pure, so the
 * traversal check is tested without Electron; protocol.ts serves what this returns.
 */
import { APP_HOST, APP_SCHEME } from './app-origin';
import { resolveStaticPath } from '../adapters/static-files';

export function resolveAppRequest(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  // URL parsing already folds `..` segments; resolveStaticPath checks the raw, still-encoded
  // pathname again (`%2e%2e`, `%2f`, `%5c`), so nothing decoded later can climb out.
  return resolveStaticPath(rendererDir, url.pathname);
}
