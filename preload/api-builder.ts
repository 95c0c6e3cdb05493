/**
 * Builds a StudioApi from two transport functions. The Electron preload (IPC) and the browser
 * bridge client (fetch + EventSource) both use it, so `window.studio` has exactly the contract's
 * calls whichever way it is served. Pure: no Node, DOM or Electron.
 */
import {
  callNames,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventMap,
  type EventName,
  type StudioApi,
} from '../contract/contract';
import { isCallReply, toCallError, unwrapReply, type CallReply } from '../contract/call-reply';

/** Sends one call and resolves with the adapter's raw reply (a CallReply envelope). */
export type InvokeCall = (name: CallName, input: unknown) => Promise<unknown>;
export type Subscribe = <E extends EventName>(
  event: E,
  listener: (payload: EventMap[E]) => void,
) => () => void;

/**
 * The contract's calls named K (all of them: StudioApi without `on`). Written over K itself, so
 * that the call made for a generic name K has this type (TypeScript's correlated-union pattern).
 */
type Calls<K extends CallName = CallName> = { [P in K]: (input: CallInput<P>) => Promise<CallOutput<P>> };

export function buildStudioApi(invoke: InvokeCall, subscribe: Subscribe): StudioApi {
  const calls: Record<string, unknown> = {};
  for (const name of callNames) calls[name] = makeCall(name, invoke);
  if (!hasEveryCall(calls)) throw new Error('buildStudioApi: a call of the contract was not built');
  return Object.freeze({ ...calls, on: subscribe });
}

/** One call: sends its input through `invoke` and unwraps the reply. */
function makeCall<K extends CallName>(name: K, invoke: InvokeCall): Calls<K>[K] {
  return async (input: CallInput<K>): Promise<CallOutput<K>> => {
    const reply = await invoke(name, input ?? {});
    if (!isCallReply(reply)) {
      throw toCallError({
        code: 'internal',
        message: `${name}: the app answered with something that is not a reply`,
      });
    }
    // Transport boundary: the adapter answers this call with the output the contract names for it.
    return unwrapReply(reply as CallReply<CallOutput<K>>);
  };
}

/** Every member was made by makeCall from the contract's names, so each has its call's type. */
function hasEveryCall(calls: Record<string, unknown>): calls is Calls {
  return callNames.every((name) => typeof calls[name] === 'function');
}
