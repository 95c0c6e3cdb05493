import { estimateRows } from '../data/estimate-rows';
import type { DataFormat } from '../../contract/data-types';

/**
 * The estimated row count for progress and ETA, or null when there is none. A file that cannot be
 * read is left for the reader, whose error names the file.
 */
export async function estimateRowsOrNull(path: string, format: DataFormat): Promise<number | null> {
  try {
    return await estimateRows(path, format);
  } catch {
    return null;
  }
}
