/**
 * Reads an output file back with the project's own reader, every column as text, so numbers are
 * compared exactly as written.
 */
import { openDataset } from '../../main/data/open-dataset';

export async function readOutputColumns(path: string): Promise<Map<string, string[]>> {
  const reader = await openDataset(path);
  try {
    const names = reader.info.columns.map((c) => c.name);
    const columns = new Map(names.map((n) => [n, [] as string[]]));
    for await (const chunk of reader.chunks({ columns: new Map(names.map((n) => [n, 'string' as const])) })) {
      for (const name of names) {
        const values = chunk.columns.get(name)!.values as (string | null)[];
        const out = columns.get(name)!;
        for (const v of values) out.push(v ?? '');
      }
    }
    return columns;
  } finally {
    await reader.close();
  }
}
