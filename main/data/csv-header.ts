/**
 * Reads the header record of a CSV/TSV file ourselves, so the reader can give DuckDB the full
 * column list with explicit types and switch its sniffer off: the sniffer otherwise guesses a
 * dialect from a sample, fails on a ragged row near the top, or picks "no quote" when the sample
 * has none.
 */
import { open } from 'node:fs/promises';

const HEADER_READ_LIMIT = 1 << 20;

export async function readCsvHeader(path: string, delimiter: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_READ_LIMIT);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_READ_LIMIT, 0);
    let text = buffer.subarray(0, bytesRead).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return parseFirstRecord(text, delimiter).map((name, i) => name || `column${i}`);
  } finally {
    await handle.close();
  }
}

/** RFC 4180 fields of the first record: quotes, doubled quotes, CRLF. */
export function parseFirstRecord(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      break;
    } else {
      field += ch;
    }
    i++;
  }
  fields.push(field);
  return fields;
}

/**
 * Header names that occur more than once, each with its 1-based positions. DuckDB would rename
 * the second `x1` to `x1_1` and a member or --keep would then silently read the wrong column.
 */
export function duplicateNames(header: readonly string[]): { name: string; positions: number[] }[] {
  const positions = new Map<string, number[]>();
  header.forEach((name, i) => positions.set(name, [...(positions.get(name) ?? []), i + 1]));
  return [...positions].filter(([, at]) => at.length > 1).map(([name, at]) => ({ name, positions: at }));
}
