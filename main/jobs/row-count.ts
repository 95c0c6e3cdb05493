import { countRows } from '../data/count-rows';
import type { DataFormat } from '../../contract/data-types';

/**
 * The row count for progress and ETA, or null when it cannot be had cheaply. A file that fails
 * to count is left for the reader, whose error names the file, line and column.
 */
export async function rowCountOrNull(path: string, format: DataFormat): Promise<number | null> {
  try {
    return await countRows(path, format);
  } catch {
    return null;
  }
}
