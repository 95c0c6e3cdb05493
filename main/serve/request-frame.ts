/**
 * A scoring request's body as a frame of named columns, in any of MLflow's input shapes:
 * `{"dataframe_split": {"columns": [...], "data": [[...], ...], "index": [...]}}`,
 * `{"dataframe_records": [{column: value, ...}, ...]}` (JSON), or CSV text with a header.
 * Values stay as sent here; request-columns.ts turns the columns a model needs into typed arrays.
 */
import { parseCsvText, CsvTextError } from './csv-text';
import { badRequest, HttpError } from './http-error';

export interface RequestFrame {
  rowCount: number;
  has(column: string): boolean;
  /** Every column name the request has, in its order. */
  names: readonly string[];
  /** The value at `row` of a column the frame has. */
  value(column: string, row: number): unknown;
}

export type BodyFormat = 'json' | 'csv';

/** The body's format from its Content-Type; anything else is refused with 415. */
export function bodyFormat(contentType: string | undefined): BodyFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'text/csv') return 'csv';
  throw new HttpError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `content type ${type ? `'${type}'` : '(none)'} is not accepted: send Content-Type: application/json ` +
      `(dataframe_split or dataframe_records) or text/csv`,
  );
}

export function parseFrame(body: Buffer, format: BodyFormat): RequestFrame {
  const text = body.toString('utf8');
  return format === 'csv' ? csvFrame(text) : jsonFrame(text);
}

const SHAPES = ['dataframe_split', 'dataframe_records'] as const;

function jsonFrame(text: string): RequestFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw badRequest(`the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(json)) throw badRequest(`the body must be a JSON object with one of: ${SHAPES.join(', ')}`);
  const given = SHAPES.filter((key) => key in json);
  if (given.length !== 1) {
    const keys = Object.keys(json);
    throw badRequest(
      given.length === 0
        ? `the body needs one of ${SHAPES.join(', ')} (it has: ${keys.length ? keys.join(', ') : 'no fields'})`
        : `the body has both ${given.join(' and ')}: send one`,
    );
  }
  return given[0] === 'dataframe_split'
    ? splitFrame(json.dataframe_split)
    : recordsFrame(json.dataframe_records);
}

function splitFrame(split: unknown): RequestFrame {
  const field = 'dataframe_split';
  if (!isObject(split)) throw badRequest(`${field} must be an object with columns and data`, { field });
  const { columns, data } = split;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
    throw badRequest(`${field}.columns must be a list of column names`, { field: `${field}.columns` });
  }
  if (!Array.isArray(data))
    throw badRequest(`${field}.data must be a list of rows`, { field: `${field}.data` });
  data.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== columns.length) {
      throw badRequest(
        `${field}.data[${r}]: a row must be a list of ${columns.length} values (one per column), got ${
          Array.isArray(row) ? `${row.length}` : typeof row
        }`,
        { field: `${field}.data[${r}]`, row: r + 1 },
      );
    }
  });
  const rows = data as unknown[][];
  if ('index' in split && split.index !== undefined) {
    if (!Array.isArray(split.index) || split.index.length !== rows.length) {
      throw badRequest(`${field}.index must list one label per row (${rows.length})`, {
        field: `${field}.index`,
      });
    }
  }
  const position = uniqueNames(columns as string[], `${field}.columns`);
  return {
    rowCount: rows.length,
    names: columns as string[],
    has: (column) => position.has(column),
    value: (column, row) => rows[row]![position.get(column)!],
  };
}

function recordsFrame(records: unknown): RequestFrame {
  const field = 'dataframe_records';
  if (!Array.isArray(records)) throw badRequest(`${field} must be a list of objects`, { field });
  const names = new Set<string>();
  records.forEach((record, r) => {
    if (!isObject(record)) {
      throw badRequest(`${field}[${r}] must be an object of column: value`, {
        field: `${field}[${r}]`,
        row: r + 1,
      });
    }
    for (const key of Object.keys(record)) names.add(key);
  });
  const rows = records as Record<string, unknown>[];
  return {
    rowCount: rows.length,
    names: [...names],
    has: (column) => names.has(column),
    // A record without the column has no value there: a missing value, as pandas reads it.
    value: (column, row) => (Object.hasOwn(rows[row]!, column) ? rows[row]![column] : null),
  };
}

function csvFrame(text: string): RequestFrame {
  let records: string[][];
  try {
    records = parseCsvText(text);
  } catch (error) {
    if (error instanceof CsvTextError)
      throw badRequest(`CSV body: ${error.message}`, { row: error.line - 1 });
    throw error;
  }
  const header = records[0];
  if (!header) throw badRequest('the CSV body is empty: it needs a header line and rows');
  const rows = records.slice(1);
  rows.forEach((row, r) => {
    if (row.length !== header.length) {
      throw badRequest(`CSV body, data row ${r + 1}: ${row.length} cells, the header has ${header.length}`, {
        row: r + 1,
      });
    }
  });
  const position = uniqueNames(header, 'the CSV header');
  return {
    rowCount: rows.length,
    names: header,
    has: (column) => position.has(column),
    value: (column, row) => rows[row]![position.get(column)!],
  };
}

function uniqueNames(names: readonly string[], where: string): Map<string, number> {
  const position = new Map<string, number>();
  names.forEach((name, i) => {
    if (position.has(name)) throw badRequest(`${where} names column '${name}' twice`, { field: name });
    position.set(name, i);
  });
  return position;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
