/**
 * A request the service refuses, with its HTTP status and the error body MLflow's scoring server
 * sends (`error_code`, `message`), plus where the problem is when known (the field, the row).
 */

export type ServiceErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'ENDPOINT_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_READY'
  | 'INTERNAL_ERROR';

export interface ServiceErrorBody {
  error_code: ServiceErrorCode;
  message: string;
  /** The body field or data column at fault. */
  field?: string;
  /** 1-based data row of the request at fault. */
  row?: number;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ServiceErrorCode,
    message: string,
    readonly where: { field?: string; row?: number } = {},
  ) {
    super(message);
  }

  body(): ServiceErrorBody {
    return { error_code: this.code, message: this.message, ...this.where };
  }
}

export function badRequest(message: string, where: { field?: string; row?: number } = {}): HttpError {
  return new HttpError(400, 'BAD_REQUEST', message, where);
}
