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
  /** For a person: what went wrong, where, and what to do. Never a stack, errno or temp-file name. */
  message: string;
  location?: ErrorLocation;
  /** The technical detail behind the message (library text, errno), for `--json` and the history. */
  detail?: string;
}

export class StudioError extends Error {
  readonly code: StudioErrorCode;
  readonly location: ErrorLocation | undefined;
  readonly detail: string | undefined;

  constructor(code: StudioErrorCode, message: string, location?: ErrorLocation, detail?: string) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.location = location;
    this.detail = detail;
  }

  toPayload(): StudioErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.location ? { location: this.location } : {}),
      ...(this.detail ? { detail: this.detail } : {}),
    };
  }
}

/**
 * Any thrown value as a payload: StudioErrors keep their code; operating-system errors become a
 * sentence about the file (the errno goes to `detail`); anything else is internal, with its text
 * kept as detail and a message that says what to do.
 */
export function toErrorPayload(error: unknown): StudioErrorPayload {
  if (error instanceof StudioError) return error.toPayload();
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; location?: unknown; detail?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string' && isKnownCode(e.code)) {
      return {
        code: e.code,
        message: e.message,
        ...(e.location ? { location: e.location as ErrorLocation } : {}),
        ...(typeof e.detail === 'string' ? { detail: e.detail } : {}),
      };
    }
    const system = systemErrorPayload(error as NodeJS.ErrnoException);
    if (system) return system;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: `Something went wrong inside Ensemble Studio: ${userSafe(detail)}`,
    detail,
  };
}

/** What a person is told for the operating system's file errors, keyed by errno code. */
const SYSTEM_MESSAGES: Readonly<Record<string, (file: string) => string>> = {
  ENOENT: (f) => `${f} does not exist (or its folder does not): check the path`,
  EISDIR: (f) => `${f} is a folder, not a file: choose a file`,
  ENOTDIR: (f) => `a part of ${f} is a file, not a folder: check the path`,
  EACCES: (f) => `${f} cannot be opened: permission denied`,
  EPERM: (f) => `${f} cannot be changed: the operating system does not allow it`,
  EEXIST: (f) => `${f} already exists`,
  ENOSPC: (f) => `there is no space left on the disk that holds ${f}`,
  EROFS: (f) => `${f} is on a read-only disk`,
  EMFILE: () => 'too many files are open: close some programs and try again',
  EBUSY: (f) => `${f} is in use by another program`,
};

function systemErrorPayload(error: NodeJS.ErrnoException): StudioErrorPayload | null {
  if (typeof error.code !== 'string') return null;
  const describe = SYSTEM_MESSAGES[error.code];
  if (!describe) return null;
  const file = typeof error.path === 'string' ? visiblePath(error.path) : 'a file';
  return {
    code: error.code === 'ENOENT' ? 'not_found' : 'bad_input',
    message: describe(file).replace(/^./, (c) => c.toUpperCase()),
    ...(typeof error.path === 'string' ? { location: { file: visiblePath(error.path) } } : {}),
    detail: error.message,
  };
}

/**
 * A job's temp files are named `.NAME.partial-PID-RAND` beside their target: a person is shown
 * the target's name instead.
 */
export function visiblePath(path: string): string {
  return path.replace(/(^|[\\/])\.([^\\/]+?)\.partial-[^\\/]*$/, '$1$2');
}

/** Strips what must never reach a person from a library's message: temp-file names and errno codes. */
function userSafe(text: string): string {
  return text
    .split('\n')[0]!
    .replace(/(\S*?)[\\/]?\.([^\s\\/]+?)\.partial-[^\s'"]*/g, (_m, dir: string, name: string) =>
      dir ? `${dir}/${name}` : name,
    )
    .replace(/\b(E[A-Z]{3,})\b:?\s*/g, '');
}

/** A payload back as the error it describes (across a thread or process boundary). */
export function errorFromPayload(payload: StudioErrorPayload): StudioError {
  return new StudioError(payload.code, payload.message, payload.location, payload.detail);
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
