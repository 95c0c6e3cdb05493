/**
 * `POST /invocations`: a body in any of MLflow's input shapes in, `{"predictions": [...]}` out,
 * one object per row with `prediction` and, for a classifier, `proba_<class>` per class (the
 * output file's column names). The rows are scored in a micro-batch with other requests.
 */
import type { ColumnRequest, OutputColumn } from '../../contract/data-types';
import { StudioError } from '../../contract/errors';
import { badRequest, HttpError } from './http-error';
import type { MicroBatcher } from './micro-batcher';
import { requestChunk } from './request-columns';
import { bodyFormat, parseFrame } from './request-frame';

export type PredictionRow = Record<string, number | string | null>;

export interface InvocationResult {
  rows: number;
  predictions: PredictionRow[];
}

export async function invoke(
  body: Buffer,
  contentType: string | undefined,
  needed: ReadonlyMap<string, ColumnRequest>,
  batcher: MicroBatcher,
): Promise<InvocationResult> {
  const frame = parseFrame(body, bodyFormat(contentType));
  const chunk = requestChunk(frame, needed);
  if (chunk.rowCount === 0) return { rows: 0, predictions: [] };
  let outputs: OutputColumn[];
  try {
    outputs = await batcher.submit(chunk);
  } catch (error) {
    throw asHttpError(error);
  }
  return { rows: chunk.rowCount, predictions: predictionRows(outputs, chunk.rowCount) };
}

export function predictionRows(outputs: readonly OutputColumn[], n: number): PredictionRow[] {
  const rows: PredictionRow[] = new Array<PredictionRow>(n);
  for (let r = 0; r < n; r++) {
    const row: PredictionRow = {};
    for (const column of outputs) row[column.name] = cell(column, r);
    rows[r] = row;
  }
  return rows;
}

function cell(column: OutputColumn, r: number): number | string | null {
  switch (column.kind) {
    case 'float64':
    case 'float32': {
      const v = column.values[r]!;
      // JSON has no NaN: a missing prediction is null, as it is an empty cell in a CSV output.
      return Number.isFinite(v) ? v : null;
    }
    case 'int64':
      return Number(column.values[r]);
    case 'string':
      return column.values[r] ?? null;
  }
}

/** A scoring failure: the rows' fault (400) or the service's (500), in words either way. */
function asHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof StudioError && (error.code === 'data' || error.code === 'bad_input')) {
    return badRequest(error.message, {
      field: typeof error.location?.column === 'string' ? error.location.column : undefined,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new HttpError(500, 'INTERNAL_ERROR', `scoring failed: ${message}`);
}
