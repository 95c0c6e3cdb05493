/**
 * The envelope every adapter answers a call with, so a failure crosses IPC or HTTP as data (with
 * its code and location intact) rather than as a transport error that loses them.
 * Shared by main (which wraps) and preload/bridge-client (which unwrap): no Node, DOM or Electron.
 */
import type { StudioErrorPayload } from './errors';

export type CallReply<T = unknown> = { ok: true; result: T } | { ok: false; error: StudioErrorPayload };

/** An Error carrying the payload's code and location, as the renderer catches it. */
export interface StudioCallError extends Error {
  code: StudioErrorPayload['code'];
  location?: StudioErrorPayload['location'];
}

export function unwrapReply<T>(reply: CallReply<T>): T {
  if (reply.ok) return reply.result;
  throw toCallError(reply.error);
}

export function toCallError(payload: StudioErrorPayload): StudioCallError {
  const error = new Error(payload.message) as StudioCallError;
  error.name = 'StudioError';
  error.code = payload.code;
  if (payload.location) error.location = payload.location;
  return error;
}

/** Replies arrive from another process: check the shape before trusting it. */
export function isCallReply(value: unknown): value is CallReply {
  if (!value || typeof value !== 'object') return false;
  const reply = value as { ok?: unknown; error?: unknown };
  if (reply.ok === true) return 'result' in reply;
  if (reply.ok !== false || !reply.error || typeof reply.error !== 'object') return false;
  const error = reply.error as { code?: unknown; message?: unknown };
  return typeof error.code === 'string' && typeof error.message === 'string';
}
