import { describe, expect, it } from 'vitest';
import type { ColumnRequest } from '../../../contract/data-types';
import { HttpError } from '../../../main/serve/http-error';
import { requestChunk } from '../../../main/serve/request-columns';
import { bodyFormat, parseFrame } from '../../../main/serve/request-frame';

const needed = new Map<string, ColumnRequest>([
  ['a', 'float32'],
  ['b', 'float64'],
]);

function refusal(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const json = (value: unknown) => parseFrame(Buffer.from(JSON.stringify(value)), 'json');

describe('request frames', () => {
  it('reads dataframe_split, dataframe_records and CSV into the same columns', () => {
    const split = json({
      dataframe_split: {
        columns: ['b', 'x', 'a'],
        index: [7, 8],
        data: [
          [1.5, 'q', 2],
          [null, 'r', '3'],
        ],
      },
    });
    const records = json({ dataframe_records: [{ a: 2, b: 1.5, x: 'q' }, { a: '3' }] });
    const csv = parseFrame(Buffer.from('x,a,b\nq,2,1.5\nr,3,NA\n'), 'csv');
    for (const frame of [split, records, csv]) {
      const chunk = requestChunk(frame, needed);
      expect(chunk.rowCount).toBe(2);
      expect(chunk.columns.get('a')).toEqual({ kind: 'float32', values: Float32Array.from([2, 3]) });
      const b = chunk.columns.get('b')!.values as Float64Array;
      expect(b[0]).toBe(1.5);
      expect(Number.isNaN(b[1])).toBe(true);
      expect(chunk.columns.has('x')).toBe(false);
    }
  });

  it('reads infinities and missing markers as the data reader does', () => {
    const frame = json({
      dataframe_split: {
        columns: ['a', 'b'],
        data: [
          ['-inf', 'N/A'],
          ['Infinity', ''],
          [true, 'NaN'],
        ],
      },
    });
    const chunk = requestChunk(frame, needed);
    expect([...(chunk.columns.get('a')!.values as Float32Array)]).toEqual([-Infinity, Infinity, 1]);
    expect([...(chunk.columns.get('b')!.values as Float64Array)].every(Number.isNaN)).toBe(true);
  });

  it('turns int64 and string columns into their kinds', () => {
    const frame = json({
      dataframe_records: [
        { id: '9007199254740993', s: 5 },
        { id: 4, s: 'x' },
      ],
    });
    const chunk = requestChunk(
      frame,
      new Map<string, ColumnRequest>([
        ['id', 'int64'],
        ['s', 'string'],
      ]),
    );
    expect(chunk.columns.get('id')!.values).toEqual(BigInt64Array.from([9007199254740993n, 4n]));
    expect(chunk.columns.get('s')!.values).toEqual(['5', 'x']);
    const bad = refusal(() =>
      requestChunk(json({ dataframe_records: [{ id: 1.5, s: '' }] }), new Map([['id', 'int64' as const]])),
    );
    expect(bad.message).toMatch(/row 1, column 'id': 1.5 is not a whole number/);
  });

  it('names a missing column, and a value that is not a number with its row and column', () => {
    const missing = refusal(() =>
      requestChunk(json({ dataframe_split: { columns: ['a', 'c'], data: [[1, 2]] } }), needed),
    );
    expect(missing.status).toBe(400);
    expect(missing.message).toMatch(/the request has no column 'b'/);
    expect(missing.body()).toMatchObject({ error_code: 'BAD_REQUEST', field: 'b' });

    const text = refusal(() =>
      requestChunk(
        json({
          dataframe_split: {
            columns: ['a', 'b'],
            data: [
              [1, 2],
              [3, 'abc'],
            ],
          },
        }),
        needed,
      ),
    );
    expect(text.message).toBe("row 2, column 'b': 'abc' is not a number");
    expect(text.body()).toMatchObject({ field: 'b', row: 2 });
    expect(
      refusal(() => requestChunk(json({ dataframe_records: [{ a: '1_000', b: 1 }] }), needed)).message,
    ).toMatch(/'1_000' is not a number/);
    expect(
      refusal(() => requestChunk(json({ dataframe_records: [{ a: '0x10', b: 1 }] }), needed)).message,
    ).toMatch(/not a number/);
    expect(
      refusal(() => requestChunk(json({ dataframe_records: [{ a: [1], b: 1 }] }), needed)).message,
    ).toMatch(/\[1\] is not a number/);
  });

  it('refuses malformed bodies with a 400 naming the field', () => {
    expect(refusal(() => parseFrame(Buffer.from('{"dataframe_split": '), 'json')).message).toMatch(
      /^the body is not valid JSON: /,
    );
    expect(refusal(() => json({ instances: [] })).message).toMatch(
      /needs one of dataframe_split, dataframe_records \(it has: instances\)/,
    );
    expect(
      refusal(() => json({ dataframe_split: { columns: ['a'], data: [[1], [1, 2]] } })).body(),
    ).toMatchObject({
      field: 'dataframe_split.data[1]',
      row: 2,
    });
    expect(refusal(() => json({ dataframe_split: { columns: ['a', 'a'], data: [] } })).message).toMatch(
      /names column 'a' twice/,
    );
    expect(refusal(() => json({ dataframe_records: [1] })).body()).toMatchObject({
      field: 'dataframe_records[0]',
    });
    expect(refusal(() => parseFrame(Buffer.from('a,b\n1\n'), 'csv')).message).toMatch(
      /data row 1: 1 cells, the header has 2/,
    );
  });

  it('accepts JSON and CSV content types only (415 otherwise)', () => {
    expect(bodyFormat('application/json; charset=utf-8')).toBe('json');
    expect(bodyFormat('text/csv')).toBe('csv');
    const refused = refusal(() => bodyFormat('application/x-www-form-urlencoded'));
    expect(refused.status).toBe(415);
    expect(refusal(() => bodyFormat(undefined)).message).toMatch(/content type \(none\)/);
  });
});
