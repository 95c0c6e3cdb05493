/**
 * The loopback HTTP bridge: the same contract the desktop app serves over IPC, served to a plain
 * browser (end-to-end tests, headless boxes). Bound to 127.0.0.1 only; every request must carry
 * the per-start token, and one without it gets a bare 401. A state-changing request that a
 * browser says comes from another page (Origin, Sec-Fetch-Site) gets 403 (origin-check.ts).
 *
 *   POST /api/call/<name>   JSON body → {ok:true,result} | {ok:false,error:{code,message,location}}
 *   GET  /api/events        Server-Sent Events: job.progress, job.finished
 *   GET  /…                 the built renderer (index.html carries the token in a meta tag)
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readFile, realpath } from 'node:fs/promises';
import type { StudioErrorPayload } from '../../contract/errors';
import { StudioError } from '../../contract/errors';
import { cookieNameFor, createToken, presentedToken, sessionCookie, tokensMatch } from './auth';
import { dispatchCall, rejectedWith, type DispatchOutcome } from '../adapters/dispatch';
import type { Engine } from '../adapters/engine';
import { openEventStream } from '../adapters/events';
import { crossOriginProblem } from './origin-check';
import { RENDERER_SECURITY_HEADERS } from '../adapters/security-headers';
import { contentTypeFor, injectTokenMeta, isInside, resolveStaticPath } from '../adapters/static-files';

export const LOOPBACK_HOST = '127.0.0.1';

export interface BridgeOptions {
  engine: Engine;
  /** Only loopback is accepted; the option exists so a caller states it. */
  host?: typeof LOOPBACK_HOST;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (out/renderer); without it only the API is served. */
  staticDir?: string;
}

export interface Bridge {
  /** Base URL with the token as a query parameter: open it in a browser. */
  url: string;
  /** `http://127.0.0.1:PORT`, for API requests that carry the token in a header. */
  origin: string;
  token: string;
  server: http.Server;
  close(): Promise<void>;
}

/** Request bodies are small JSON documents (a spec at most); anything larger is refused. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const host = options.host ?? LOOPBACK_HOST;
  if (host !== LOOPBACK_HOST) {
    throw new StudioError('bad_input', `the bridge listens on ${LOOPBACK_HOST} only, not ${String(host)}`, {
      field: 'host',
    });
  }
  const token = createToken();
  const streams = new Set<() => void>();
  let cookieName = '';
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Length': 0 });
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    const presented = presentedToken(req, url, cookieName);
    if (!hostHeaderIsLoopback(req.headers.host, port) || !presented || !tokensMatch(presented.token, token)) {
      res.writeHead(401, { 'Content-Length': 0, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    const crossOrigin = crossOriginProblem(req, port);
    if (crossOrigin) {
      req.resume();
      return sendJson(
        res,
        403,
        { ok: false, error: { code: 'bad_input', message: crossOrigin, location: { field: 'Origin' } } },
        {},
      );
    }
    // A token given in the URL (first page load, EventSource) becomes a cookie for what follows.
    const cookieHeaders: Record<string, string> =
      presented.source === 'query' ? { 'Set-Cookie': sessionCookie(cookieName, token) } : {};

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return sendStatus(res, 405, { Allow: 'POST' });
      const outcome = await callFromRequest(req, options.engine, url.pathname.slice('/api/call/'.length));
      return sendJson(res, statusFor(outcome), outcome.reply, cookieHeaders);
    }
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return sendStatus(res, 405, { Allow: 'GET' });
      const end = openEventStream(options.engine, res, cookieHeaders);
      streams.add(end);
      res.on('close', () => streams.delete(end));
      return;
    }
    if (url.pathname.startsWith('/api/')) return sendStatus(res, 404);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, 405, { Allow: 'GET, HEAD' });
    if (!options.staticDir) return sendStatus(res, 404);
    return serveStatic(req, res, options.staticDir, url.pathname, token, cookieHeaders);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  cookieName = cookieNameFor(port);

  const origin = `http://${LOOPBACK_HOST}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const end of streams) end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A browser page on another origin cannot read our responses, but a DNS-rebinding page can make
 * the browser send requests with its own host name: accept only our loopback names.
 */
function hostHeaderIsLoopback(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `${LOOPBACK_HOST}:${port}` || hostHeader === `localhost:${port}`;
}

async function callFromRequest(
  req: IncomingMessage,
  engine: Engine,
  encodedName: string,
): Promise<DispatchOutcome> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    req.resume();
    return rejectedWith('the request body must be application/json', { field: '(body)' });
  }
  const body = await readBody(req);
  if (body === null)
    return rejectedWith(`the request body is larger than ${MAX_BODY_BYTES} bytes`, { field: '(body)' });
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return rejectedWith('the request body is not valid JSON', { field: '(body)' });
  }
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    return rejectedWith('the call name is not valid', { field: '(call)' });
  }
  return dispatchCall(engine.handlers, name, input);
}

/** The body, or null when it is too large (the rest is drained, not buffered). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Refused at the boundary → 400; otherwise the error's kind picks a status, for curl's sake. */
function statusFor(outcome: DispatchOutcome): number {
  if (outcome.rejected) return 400;
  if (outcome.reply.ok) return 200;
  const code: StudioErrorPayload['code'] = outcome.reply.error.code;
  if (code === 'internal') return 500;
  if (code === 'not_found') return 404;
  return 422;
}

async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string,
  pathname: string,
  token: string,
  extraHeaders: Record<string, string>,
): Promise<void> {
  const file = resolveStaticPath(staticDir, pathname);
  if (!file) return sendStatus(res, 404);
  let body: Buffer;
  try {
    // A symlink inside the folder must not lead outside it.
    const [root, real] = await Promise.all([realpath(staticDir), realpath(file)]);
    if (!isInside(root, real)) return sendStatus(res, 404);
    body = await readFile(real);
  } catch {
    return sendStatus(res, 404);
  }
  const isIndex = path.basename(file) === 'index.html';
  if (isIndex) body = Buffer.from(injectTokenMeta(body.toString('utf8'), token), 'utf8');
  res.writeHead(200, {
    ...RENDERER_SECURITY_HEADERS,
    ...extraHeaders,
    'Content-Type': contentTypeFor(file),
    'Content-Length': body.length,
    // The page carries the token: never cache it. Hashed assets may be cached.
    'Cache-Control': isIndex ? 'no-store' : 'private, max-age=3600',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  extraHeaders: Record<string, string>,
): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, {
    ...extraHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function sendStatus(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': 0 });
  res.end();
}
