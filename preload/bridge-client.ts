/**
 * `StudioApi` for a plain browser, over the loopback HTTP bridge (main/bridge): calls are
 * `POST /api/call/<name>` with the token as a Bearer header, events come from one shared
 * EventSource on `/api/events`. The renderer uses it when `window.studio` is absent.
 *
 * Browser code only (fetch, EventSource, document); the DOM types are described structurally
 * here so the file also typechecks in the Node-side projects.
 */
import type { EventMap, EventName, StudioApi } from '../contract/contract';
import { buildStudioApi } from './api-builder';

interface MessageEventLike {
  data: string;
}
interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEventLike) => void): void;
  close(): void;
}
type EventSourceConstructor = new (url: string) => EventSourceLike;
interface MetaLookup {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}

export interface BridgeClientOptions {
  /** Origin of the bridge; defaults to the page's own origin. */
  baseUrl?: string;
  /** Defaults to the `studio-token` meta tag the bridge puts in index.html. */
  token?: string | null;
  fetch?: typeof fetch;
  EventSource?: EventSourceConstructor;
}

/** The token the bridge injected into the page, if this page came from the bridge. */
export function readBridgeToken(doc?: MetaLookup): string | null {
  const lookup = doc ?? (globalThis as { document?: MetaLookup }).document;
  return lookup?.querySelector('meta[name="studio-token"]')?.getAttribute('content') ?? null;
}

export function createBridgeClient(options: BridgeClientOptions = {}): StudioApi {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const token = options.token === undefined ? readBridgeToken() : options.token;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  // EventSource is a browser global this file's (Node) types do not declare; as with `document`.
  const EventSourceImpl =
    options.EventSource ?? (globalThis as { EventSource?: EventSourceConstructor }).EventSource;

  const invoke = async (name: string, input: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await doFetch(`${base}/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input),
      credentials: 'same-origin',
    });
    // Errors come back as JSON replies too; only a refused request (401) has no body.
    const text = await response.text();
    if (!text)
      return {
        ok: false,
        error: { code: 'internal', message: `${name}: the bridge answered HTTP ${response.status}` },
      };
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: `${name}: the bridge answered HTTP ${response.status}` },
      };
    }
  };

  const events = createEventHub(() => {
    if (!EventSourceImpl) throw new Error('this browser has no EventSource');
    const query = token ? `?token=${encodeURIComponent(token)}` : '';
    return new EventSourceImpl(`${base}/api/events${query}`);
  });

  return buildStudioApi(invoke, events.subscribe);
}

type AnyListener = (payload: unknown) => void;

/**
 * One EventSource for all subscribers, opened on the first subscription and closed when the last
 * one leaves. The browser reconnects it by itself after a dropped connection.
 */
function createEventHub(open: () => EventSourceLike) {
  const listeners = new Map<EventName, Set<AnyListener>>();
  let source: EventSourceLike | null = null;
  let count = 0;

  const dispatch = (name: EventName, event: MessageEventLike) => {
    let payload: unknown;
    try {
      payload = JSON.parse(event.data);
    } catch {
      return;
    }
    for (const listener of [...(listeners.get(name) ?? [])]) listener(payload);
  };

  const subscribe = <E extends EventName>(
    event: E,
    listener: (payload: EventMap[E]) => void,
  ): (() => void) => {
    if (!source) {
      source = open();
      for (const name of ['job.progress', 'job.finished'] as const satisfies readonly EventName[]) {
        source.addEventListener(name, (message) => dispatch(name, message));
      }
    }
    const set = listeners.get(event) ?? new Set<AnyListener>();
    listeners.set(event, set);
    const entry = listener as AnyListener;
    set.add(entry);
    count++;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(entry);
      count--;
      if (count === 0 && source) {
        source.close();
        source = null;
      }
    };
  };
  return { subscribe };
}
