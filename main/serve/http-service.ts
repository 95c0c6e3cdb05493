/**
 * The service's HTTP side (node:http), MLflow's scoring routes:
 *   POST /invocations   score rows (invocations.ts)
 *   GET  /ping, /health 200 once the models are loaded, 503 before
 *   GET  /version       the app, ONNX Runtime, the spec's hash and the members' sha256
 * With a token, every route needs `Authorization: Bearer T` (401 otherwise). Bodies over the cap
 * are refused with 413 as soon as they are known to be too big, without reading them whole.
 * Every refusal is a JSON error body; no request can stop the service.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ColumnRequest } from '../../contract/data-types';
import { bearerMatches } from './bearer';
import { HttpError } from './http-error';
import { invoke } from './invocations';
import type { MicroBatcher } from './micro-batcher';
import { bodyFormat } from './request-frame';
import type { ServiceStatsRecorder } from './service-stats';

export interface HttpServiceOptions {
  token: string | null;
  maxBodyBytes: number;
  /** Null until the models are loaded. */
  scoring: () => { needed: ReadonlyMap<string, ColumnRequest>; batcher: MicroBatcher } | null;
  version: () => object;
  stats: ServiceStatsRecorder;
}

const ROUTES: Record<string, string> = {
  '/invocations': 'POST',
  '/ping': 'GET',
  '/health': 'GET',
  '/version': 'GET',
};

export function createHttpService(options: HttpServiceOptions): Server {
  return createServer((req, res) => {
    void handle(req, res, options).catch((error: unknown) => {
      const refusal =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
      sendError(req, res, refusal);
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpServiceOptions): Promise<void> {
  if (options.token !== null && !bearerMatches(req.headers.authorization, options.token)) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    throw new HttpError(
      401,
      'UNAUTHENTICATED',
      'this service needs the header Authorization: Bearer <token>',
    );
  }
  const path = new URL(req.url ?? '/', 'http://service').pathname;
  const method = ROUTES[path];
  if (!method)
    throw new HttpError(
      404,
      'ENDPOINT_NOT_FOUND',
      `no route ${path} (routes: ${Object.keys(ROUTES).join(', ')})`,
    );
  // HEAD is GET without a body (node:http leaves the body out).
  if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
    res.setHeader('Allow', method === 'GET' ? 'GET, HEAD' : method);
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${path} takes ${method}, not ${req.method}`);
  }
  const scoring = options.scoring();
  if (path === '/version') return sendJson(res, 200, options.version());
  if (!scoring) throw new HttpError(503, 'NOT_READY', 'the models are still loading');
  if (path === '/ping' || path === '/health') return sendJson(res, 200, { status: 'ok' });

  const started = performance.now();
  let rows = 0;
  try {
    const format = req.headers['content-type'];
    bodyFormat(format);
    const body = await readBody(req, options.maxBodyBytes);
    const result = await invoke(body, format, scoring.needed, scoring.batcher);
    rows = result.rows;
    sendJson(res, 200, { predictions: result.predictions });
    options.stats.record(started, rows, true);
  } catch (error) {
    options.stats.record(started, rows, false);
    throw error;
  }
}

/** The body, or a 413 as soon as it is known to pass `max` bytes (by its length header or as read). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(413, 'PAYLOAD_TOO_LARGE', `the body is larger than the service's limit of ${max} bytes`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const onData = (part: Buffer) => {
      size += part.length;
      if (size > max) {
        req.off('data', onData);
        reject(tooLarge());
        return;
      }
      parts.push(part);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(parts, size)));
    req.once('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(req: IncomingMessage, res: ServerResponse, error: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (req.complete) {
    sendJson(res, error.status, error.body());
    return;
  }
  // A body refused early (413): the client is still sending it. Closing on it now would break its
  // upload (EPIPE) before it reads the answer, so the rest is read and dropped, up to a limit of
  // bytes and time, then the answer goes out and the connection closes.
  res.setHeader('Connection', 'close');
  drainThen(req, () => sendJson(res, error.status, error.body()));
}

/** At most this much of a refused body is read and dropped before answering… */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
/** …for at most this long. */
const DRAIN_LIMIT_MS = 2000;

function drainThen(req: IncomingMessage, done: () => void): void {
  let left = DRAIN_LIMIT_BYTES;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    req.off('data', onData);
    done();
  };
  const onData = (part: Buffer) => {
    left -= part.length;
    if (left <= 0) finish();
  };
  const timer = setTimeout(finish, DRAIN_LIMIT_MS);
  req.on('data', onData);
  req.once('end', finish);
  req.once('error', finish);
  req.resume();
}
