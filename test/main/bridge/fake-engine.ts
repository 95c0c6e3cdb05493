/**
 * A small engine for adapter tests: real handler functions (each records its calls), and an
 * `emit` to push events the way the real engine does. The real engine has its own integration
 * test (engine-integration.test.ts).
 */
import { EventEmitter } from 'node:events';
import {
  callNames,
  type CallName,
  type EventMap,
  type EventName,
  type Handlers,
} from '../../../contract/contract';
import { StudioError } from '../../../contract/errors';
import type { Engine } from '../../../main/adapters/engine';

export interface FakeEngine extends Engine {
  calls: { name: CallName; input: unknown }[];
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  listenerCount(event: EventName): number;
}

export function createFakeEngine(): FakeEngine {
  const events = new EventEmitter();
  const calls: { name: CallName; input: unknown }[] = [];
  const handlers = {} as Record<CallName, (input: unknown) => Promise<unknown>>;
  // By default every call echoes its parsed input, so a test sees what the schema produced.
  for (const name of callNames) {
    handlers[name] = async (input) => {
      calls.push({ name, input });
      return { echo: input };
    };
  }
  handlers['app.info'] = async (input) => {
    calls.push({ name: 'app.info', input });
    return { appVersion: '0.0.0-test', onnxruntimeVersion: 'none', historyPath: '/tmp/none', providers: [] };
  };
  handlers['models.inspect'] = async (input) => {
    calls.push({ name: 'models.inspect', input });
    const { path } = input as { path: string };
    throw new StudioError('not_found', `no such model: ${path}`, { file: path });
  };
  handlers['jobs.cancel'] = async (input) => {
    calls.push({ name: 'jobs.cancel', input });
    throw new Error('boom');
  };
  return {
    handlers: handlers as unknown as Handlers,
    calls,
    on(event, listener) {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
    emit(event, payload) {
      events.emit(event, payload);
    },
    listenerCount: (event) => events.listenerCount(event),
    close: async () => undefined,
  };
}
