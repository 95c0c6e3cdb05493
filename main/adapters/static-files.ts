/**
 * Resolving and typing the renderer's built files. Pure path logic shared by the HTTP bridge and
 * the app:// protocol handler: a request path maps to a file inside the root folder or to nothing.
 */
import path from 'node:path';

/**
 * The file a URL path names inside `rootDir`, or null when it would leave the folder (`..`,
 * encoded `%2e%2e`, backslashes, NUL bytes, absolute or drive paths) or cannot be decoded.
 * `/` is index.html. The caller still checks the real path (symlinks) before reading.
 */
export function resolveStaticPath(rootDir: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  // A backslash is a separator on Windows and a NUL truncates paths in C APIs: neither is ever
  // part of a legitimate asset name.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..' || /^[A-Za-z]:/.test(segment))) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, relative);
  return isInside(root, resolved) ? resolved : null;
}

/** True when `candidate` is `root` itself or below it. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * index.html as the bridge serves it: with a meta tag carrying the session token, so the page's
 * fetch/EventSource client can authenticate. A meta tag rather than an inline script, because the
 * CSP allows no inline scripts. The token is hex, so it needs no escaping.
 */
export function injectTokenMeta(html: string, token: string): string {
  if (!/^[0-9a-f]+$/.test(token)) throw new Error('token must be hex');
  const meta = `<meta name="studio-token" content="${token}" />`;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return `${meta}\n${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
}
