/**
 * One call through an adapter boundary: check the name, parse the input with the contract's
 * schema, and only then run the handler. Shared by the HTTP bridge and Electron IPC so both
 * refuse the same payloads the same way. Never throws: every outcome is a CallReply.
 */
import { isCallName, parseCallInput, type CallName, type Handlers } from '../../contract/contract';
import type { CallReply } from '../../contract/call-reply';
import { toErrorPayload } from '../../contract/errors';

export interface DispatchOutcome {
  reply: CallReply;
  /** True when the adapter refused the call (unknown name, bad input): the handler did not run. */
  rejected: boolean;
}

export async function dispatchCall(
  handlers: Handlers,
  name: string,
  input: unknown,
): Promise<DispatchOutcome> {
  if (!isCallName(name)) {
    return rejectedWith(`unknown call: ${name.slice(0, 100)}`, { field: '(call)' });
  }
  let parsed: unknown;
  try {
    parsed = parseCallInput(name, input);
  } catch (error) {
    return { reply: { ok: false, error: toErrorPayload(error) }, rejected: true };
  }
  try {
    const result = await invokeHandler(handlers, name, parsed);
    return { reply: { ok: true, result }, rejected: false };
  } catch (error) {
    return { reply: { ok: false, error: toErrorPayload(error) }, rejected: false };
  }
}

export function rejectedWith(message: string, location: { field: string }): DispatchOutcome {
  return { reply: { ok: false, error: { code: 'bad_input', message, location } }, rejected: true };
}

// The handler table is indexed by a runtime name, so TypeScript cannot pair the input with it;
// parseCallInput(name, …) above is what guarantees the pairing.
function invokeHandler(handlers: Handlers, name: CallName, input: unknown): Promise<unknown> {
  const handler = handlers[name] as (input: unknown) => Promise<unknown>;
  return handler(input);
}
