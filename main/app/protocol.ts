/**
 * The app:// scheme that serves the built renderer (out/renderer). A standard, secure scheme, so
 * the page has a real origin for the CSP's 'self' and for the IPC sender check; files outside the
 * renderer folder (traversal, symlinks) are refused.
 */
import { protocol, type Session } from 'electron';
import { readFile, realpath } from 'node:fs/promises';
import { APP_SCHEME } from './app-origin';
import { resolveAppRequest } from './app-url';
import { contentTypeFor, isInside } from '../adapters/static-files';
import { RENDERER_SECURITY_HEADERS } from '../adapters/security-headers';

/** Must run before the app's ready event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export function serveAppProtocol(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const file = resolveAppRequest(rendererDir, request.url);
    if (!file) return new Response(null, { status: 404 });
    try {
      const [root, real] = await Promise.all([realpath(rendererDir), realpath(file)]);
      if (!isInside(root, real)) return new Response(null, { status: 404 });
      const body = await readFile(real);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': contentTypeFor(real) },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
