/**
 * What an adapter (HTTP bridge, Electron IPC) needs from the engine: the contract's handlers and
 * its event stream. `createEngine` in main/engine/create-engine.ts returns an object of this shape;
 * the adapters depend on this type only, so they can be tested against a small fake.
 */
import type { EventMap, EventName, Handlers } from '../../contract/contract';

export interface Engine {
  handlers: Handlers;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  close(): Promise<void>;
}
