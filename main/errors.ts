/**
 * The one error type the engine throws on purpose. Every adapter (IPC, HTTP bridge, CLI) turns it
 * into the same typed error payload, so a bad input always says what went wrong and where.
 */
export type StudioErrorCode =
  | 'bad_input' // a call's payload or a spec failed validation
  | 'not_found' // a file or record that does not exist
  | 'data' // a data file that cannot be read as asked (bad quote, ragged row, text in a number)
  | 'model' // a model that cannot be read, rewritten or run
  | 'spec' // an ensemble that cannot work with its members or data
  | 'history' // the SQLite history refused an operation (e.g. newer schema)
  | 'cancelled'
  | 'internal';

/** Where a problem is. Every field is optional; fill in what is known. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: string | number;
  member?: string;
  input?: string;
  field?: string;
}

export interface StudioErrorPayload {
  code: StudioErrorCode;
  message: string;
  location?: ErrorLocation;
}

export class StudioError extends Error {
  readonly code: StudioErrorCode;
  readonly location: ErrorLocation | undefined;

  constructor(code: StudioErrorCode, message: string, location?: ErrorLocation) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.location = location;
  }

  toPayload(): StudioErrorPayload {
    return this.location
      ? { code: this.code, message: this.message, location: this.location }
      : { code: this.code, message: this.message };
  }
}

/** Any thrown value as a payload: StudioErrors keep their code, everything else is internal. */
export function toErrorPayload(error: unknown): StudioErrorPayload {
  if (error instanceof StudioError) return error.toPayload();
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; location?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string' && isKnownCode(e.code)) {
      return {
        code: e.code,
        message: e.message,
        ...(e.location ? { location: e.location as ErrorLocation } : {}),
      };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

export function fromErrorPayload(payload: StudioErrorPayload): StudioError {
  return new StudioError(payload.code, payload.message, payload.location);
}

const KNOWN_CODES: ReadonlySet<string> = new Set<StudioErrorCode>([
  'bad_input',
  'not_found',
  'data',
  'model',
  'spec',
  'history',
  'cancelled',
  'internal',
]);

function isKnownCode(code: string): code is StudioErrorCode {
  return KNOWN_CODES.has(code);
}
