/**
 * What must never reach a person in an error message: errno codes, temp-file names, zod's
 * generic wording and protobuf wire detail. Tests collect every message their runs produce
 * (stderr, `error.message` in --json, the history's error records) and check them here.
 */
export const INTERNALS = /ENOENT|EISDIR|\.partial-|Invalid input|wire type/;

/** The messages that show internals, for an `expect(...).toEqual([])`. */
export function leakedInternals(messages: readonly string[]): string[] {
  return messages.filter((m) => INTERNALS.test(m));
}

/** Collects messages as a test produces them, to check them all at the end. */
export class MessageLog {
  readonly messages: string[] = [];

  add(...texts: (string | null | undefined)[]): void {
    for (const t of texts) if (t) this.messages.push(t);
  }
}
