/**
 * Text data files must be UTF-8. DuckDB's own messages for other encodings talk about a missing
 * column or "invalid unicode", so the start of the file is looked at first and the analyst is told
 * which encoding it seems to be in and what to do. Also tells an empty file apart.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { StudioError } from '../../contract/errors';

const SAMPLE_BYTES = 1 << 20;

export type TextProblem =
  | { kind: 'empty' }
  | { kind: 'utf16'; byteOrder: 'little-endian' | 'big-endian' }
  | { kind: 'not-utf8'; line: number };

/** What is wrong with the start of a text data file, or null when it reads as UTF-8 with content. */
export async function textProblemOf(path: string): Promise<TextProblem | null> {
  const handle = await open(path, 'r');
  let sample: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (sample[0] === 0xff && sample[1] === 0xfe) return { kind: 'utf16', byteOrder: 'little-endian' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { kind: 'utf16', byteOrder: 'big-endian' };
  const nul = sample.indexOf(0);
  // UTF-16 without a byte-order mark: ASCII text has a zero byte beside every character.
  if (nul >= 0) return { kind: 'utf16', byteOrder: nul % 2 === 0 ? 'big-endian' : 'little-endian' };
  const text = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? sample.subarray(3) : sample;
  if (text.every((byte) => byte === 0x0a || byte === 0x0d || byte === 0x20 || byte === 0x09))
    return sample.length < SAMPLE_BYTES ? { kind: 'empty' } : null;
  const bad = firstInvalidUtf8(sample, sample.length === SAMPLE_BYTES);
  if (bad >= 0) return { kind: 'not-utf8', line: lineAt(sample, bad) };
  return null;
}

/** The analyst's message for a text problem. */
export function textProblemError(path: string, problem: TextProblem, detail?: string): StudioError {
  const file = basename(path);
  switch (problem.kind) {
    case 'empty':
      return new StudioError(
        'data',
        `${file} is empty: it has no header and no rows`,
        { file: path },
        detail,
      );
    case 'utf16':
      return new StudioError(
        'data',
        `${file} is UTF-16 text (${problem.byteOrder}), which cannot be read: save it as UTF-8 ` +
          '(in Excel: Save As › "CSV UTF-8") and open it again',
        { file: path },
        detail,
      );
    case 'not-utf8':
      return new StudioError(
        'data',
        `${file}: ${problem.line > 0 ? `line ${problem.line}` : 'part of the file'} is not UTF-8 text ` +
          '(the file looks like Latin-1 or Windows-1252): save it as UTF-8 (in Excel: Save As › "CSV UTF-8") ' +
          'and open it again',
        problem.line > 0 ? { file: path, line: problem.line } : { file: path },
        detail,
      );
  }
}

/** Throws the analyst's message when the file is empty or not UTF-8. */
export async function assertUtf8Text(path: string): Promise<void> {
  const problem = await textProblemOf(path);
  if (problem) throw textProblemError(path, problem);
}

/**
 * Offset of the first byte that breaks UTF-8, or -1. A sequence cut off by the end of the sample
 * is not counted when `truncated` (the rest is in the part not read).
 */
export function firstInvalidUtf8(bytes: Uint8Array, truncated: boolean): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (i + length > bytes.length) return truncated ? -1 : i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms and surrogates, as the UTF-8 standard excludes them.
    const second = bytes[i + 1]!;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return i;
    if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
