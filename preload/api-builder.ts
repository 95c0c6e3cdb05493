/**
 * Builds a StudioApi from two transport functions. The Electron preload (IPC) and the browser
 * bridge client (fetch + EventSource) both use it, so `window.studio` has exactly the contract's
 * calls whichever way it is served. Pure: no Node, DOM or Electron.
 */
import {
  callNames,
  type CallName,
  type EventMap,
  type EventName,
  type StudioApi,
} from '../contract/contract';
import { isCallReply, toCallError, unwrapReply } from '../contract/call-reply';

/** Sends one call and resolves with the adapter's raw reply (a CallReply envelope). */
export type InvokeCall = (name: CallName, input: unknown) => Promise<unknown>;
export type Subscribe = <E extends EventName>(
  event: E,
  listener: (payload: EventMap[E]) => void,
) => () => void;

export function buildStudioApi(invoke: InvokeCall, subscribe: Subscribe): StudioApi {
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    api[name] = async (input: unknown) => {
      const reply = await invoke(name, input ?? {});
      if (!isCallReply(reply)) {
        throw toCallError({
          code: 'internal',
          message: `${name}: the app answered with something that is not a reply`,
        });
      }
      return unwrapReply(reply);
    };
  }
  api.on = subscribe;
  // Typed boundary: the object is built call by call from the contract's names at run time, which
  // TypeScript cannot follow; every member was made from the same contract table StudioApi maps.
  return Object.freeze(api) as unknown as StudioApi;
}
