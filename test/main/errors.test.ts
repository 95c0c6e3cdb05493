import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError, toErrorPayload, visiblePath } from '../../contract/errors';

const RAW = /ENOENT|EISDIR|\.partial-|Invalid input|wire type/;

describe('toErrorPayload', () => {
  it('keeps a StudioError as it is, with its technical detail apart', () => {
    const payload = toErrorPayload(
      new StudioError('data', 'd.csv: line 3: text in a number', { file: 'd.csv', line: 3 }, 'duckdb says x'),
    );
    expect(payload).toEqual({
      code: 'data',
      message: 'd.csv: line 3: text in a number',
      location: { file: 'd.csv', line: 3 },
      detail: 'duckdb says x',
    });
  });

  it('turns a missing file into a sentence that names it, errno kept as detail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'es-errors-'));
    try {
      const error = await readFile(join(dir, 'missing.csv')).catch((e: unknown) => e);
      const payload = toErrorPayload(error);
      expect(payload.code).toBe('not_found');
      expect(payload.message).toContain('missing.csv');
      expect(payload.message).not.toMatch(RAW);
      expect(payload.detail).toContain('ENOENT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns a folder given for a file into a sentence, not EISDIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'es-errors-'));
    try {
      let thrown: unknown;
      try {
        readFileSync(dir);
      } catch (e) {
        thrown = e;
      }
      const payload = toErrorPayload(thrown);
      expect(payload.message).toContain('is a folder');
      expect(payload.message).not.toMatch(RAW);
      expect(payload.detail).toContain('EISDIR');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the target, not the temp file, of a job that wrote aside', () => {
    const error = Object.assign(
      new Error("ENOENT: no such file, rename '/w/.out.csv.partial-10115-ab12cd34'"),
      {
        code: 'ENOENT',
        path: '/w/.out.csv.partial-10115-ab12cd34',
      },
    );
    const payload = toErrorPayload(error);
    expect(payload.message).toContain('/w/out.csv');
    expect(payload.message).not.toMatch(RAW);
    expect(payload.location?.file).toBe('/w/out.csv');
  });

  it('gives an unknown failure a message a person can act on, and strips temp names', () => {
    const payload = toErrorPayload(
      new Error('write failed for /w/.x.parquet.partial-1-ffff.staging.duckdb\nstack'),
    );
    expect(payload.code).toBe('internal');
    expect(payload.message).not.toMatch(RAW);
    expect(payload.message).not.toContain('stack');
    expect(payload.detail).toContain('.partial-');
  });
});

describe('visiblePath', () => {
  it('maps a temp sibling back to its target and leaves other paths alone', () => {
    expect(visiblePath('/a/b/.scores.csv.partial-42-0a1b2c3d')).toBe('/a/b/scores.csv');
    expect(visiblePath('/a/b/.hidden.csv')).toBe('/a/b/.hidden.csv');
    expect(visiblePath('/a/b/scores.csv')).toBe('/a/b/scores.csv');
  });
});
