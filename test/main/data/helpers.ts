import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDataset } from '../../../main/data/open-dataset';
import type { Column, ColumnRequest } from '../../../contract/data-types';

/** A temp folder for the test file's data, removed afterwards. */
export function useTempDir(): {
  file: (name: string, content?: string | Buffer) => Promise<string>;
  path: (name: string) => string;
} {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'studio-data-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    path: (name) => join(dir, name),
    file: async (name, content) => {
      const path = join(dir, name);
      if (content !== undefined) await writeFile(path, content);
      return path;
    },
  };
}

/** Reads whole columns by concatenating every chunk (tests only; files are small). */
export async function readColumns(
  path: string,
  columns: Record<string, ColumnRequest>,
  chunkRows?: number,
): Promise<{ columns: Map<string, unknown[]>; chunkSizes: number[]; firstRows: number[] }> {
  const reader = await openDataset(path);
  const out = new Map<string, unknown[]>(Object.keys(columns).map((name) => [name, []]));
  const chunkSizes: number[] = [];
  const firstRows: number[] = [];
  try {
    for await (const chunk of reader.chunks({ columns: new Map(Object.entries(columns)), chunkRows })) {
      chunkSizes.push(chunk.rowCount);
      firstRows.push(chunk.firstRow);
      for (const [name, column] of chunk.columns) out.get(name)!.push(...valuesOf(column));
    }
  } finally {
    await reader.close();
  }
  return { columns: out, chunkSizes, firstRows };
}

function valuesOf(column: Column): unknown[] {
  return Array.from(column.values as ArrayLike<unknown>);
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; location?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; location?: Record<string, unknown> };
  }
  throw new Error('expected an error');
}
