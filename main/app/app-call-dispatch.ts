/**
 * The desktop-only calls (preload/app-calls.ts) through the same boundary as the contract's:
 * unknown name or bad input → bad_input, and the handler does not run. Pure, for testing.
 */
import { appCalls, isAppCallName, type AppCallName, type AppCallOutputs } from '../../preload/app-calls';
import type { z } from 'zod';
import { toErrorPayload } from '../../contract/errors';
import { rejectedWith, type DispatchOutcome } from '../adapters/dispatch';

export type AppHandlers = {
  [K in AppCallName]: (input: z.output<(typeof appCalls)[K]>) => Promise<AppCallOutputs[K]>;
};

export async function dispatchAppCall(
  handlers: AppHandlers,
  name: unknown,
  input: unknown,
): Promise<DispatchOutcome> {
  if (typeof name !== 'string' || !isAppCallName(name)) {
    return rejectedWith(`unknown call: ${String(name).slice(0, 100)}`, { field: '(call)' });
  }
  const parsed = appCalls[name].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(input)';
    return rejectedWith(`${name}: ${field}: ${issue?.message ?? 'invalid input'}`, { field });
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { reply: { ok: true, result: await handler(parsed.data) }, rejected: false };
  } catch (error) {
    return { reply: { ok: false, error: toErrorPayload(error) }, rejected: false };
  }
}
