/**
 * Server-Sent Events: the engine's job events pushed to a browser. One stream per EventSource;
 * the listeners are removed when the browser goes away.
 */
import type { ServerResponse } from 'node:http';
import { EVENT_NAMES } from '../../contract/contract';
import type { Engine } from './engine';

/** Every event the contract declares. */
export const BRIDGE_EVENTS = EVENT_NAMES;

/** Proxies and idle timeouts drop silent connections; a comment line every so often keeps it open. */
const HEARTBEAT_MS = 15_000;

/** Starts an SSE stream on `res`; returns a function that ends it (also run when the client leaves). */
export function openEventStream(
  engine: Engine,
  res: ServerResponse,
  extraHeaders: Record<string, string>,
): () => void {
  res.writeHead(200, {
    ...extraHeaders,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  // Reconnect quickly after a hiccup; the first comment flushes the headers to the browser.
  res.write('retry: 2000\n: connected\n\n');

  const unsubscribes = BRIDGE_EVENTS.map((name) =>
    engine.on(name, (payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    }),
  );
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();

  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribes) unsubscribe();
    res.end();
  };
  res.on('close', end);
  return end;
}
