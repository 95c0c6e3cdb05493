/**
 * Finds the first line of a JSON Lines file that is not valid JSON. DuckDB's "Malformed JSON ...
 * in line N" can point one line past the culprit, so on that error path we look ourselves.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function firstMalformedJsonLine(path: string): Promise<number | undefined> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      try {
        JSON.parse(text);
      } catch {
        return line;
      }
    }
  } finally {
    lines.close();
  }
  return undefined;
}
