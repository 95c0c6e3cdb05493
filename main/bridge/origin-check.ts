/**
 * Which pages may change state through the bridge. The token cookie is scoped to a host, not a
 * port, so a browser attaches it to requests that a page served from ANY port on 127.0.0.1 (another
 * local dev server, a malicious local page) sends here. Browsers say where a request comes from
 * (`Origin`, and `Sec-Fetch-Site` in current ones), so a state-changing request is accepted only
 * from the bridge's own page. Programs that are not browsers (curl, tests) send no Origin and
 * carry the token in a header; they stay allowed.
 */
import type { IncomingMessage } from 'node:http';

/** Methods that read nothing but change state, and so must come from our own page. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The refusal a person reads, or null when the request may go on. */
export function crossOriginProblem(req: IncomingMessage, port: number): string | null {
  if (SAFE_METHODS.has((req.method ?? 'GET').toUpperCase())) return null;
  const own = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const origin = req.headers.origin;
  if (origin !== undefined && !own.includes(origin.toLowerCase())) {
    return (
      `This request came from another web page (${origin.slice(0, 200)}), and the bridge takes calls only ` +
      `from its own page at ${own[0]}: open the address the bridge printed when it started`
    );
  }
  const site = req.headers['sec-fetch-site'];
  // 'none' is a request the user made themselves (typed address, bookmark), never a page's script.
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    return (
      `This request came from another web page (${site}), and the bridge takes calls only from its own ` +
      `page at ${own[0]}: open the address the bridge printed when it started`
    );
  }
  return null;
}
