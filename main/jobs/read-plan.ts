/**
 * Which columns a job reads and as what: each column once, at the widest type any use needs.
 * Kept columns must read back to the same value in the output, so numbers are read as float64
 * and integers as their exact text (an int64 ID can exceed float64's exact range).
 */
import type { ColumnRequest, ColumnSchema } from '../../contract/data-types';
import { StudioError } from '../../contract/errors';
import type { ResolvedEnsemble } from '../ensemble/plan';

export interface ReadPlan {
  columns: Map<string, ColumnRequest>;
  keep: string[];
}

export function planReads(
  resolved: ResolvedEnsemble,
  schema: readonly ColumnSchema[],
  options: { keep: readonly string[]; keepAll: boolean; label?: string; file: string },
): ReadPlan {
  const columns = new Map(resolved.columns);
  const byName = new Map(schema.map((c) => [c.name, c]));
  const keep = options.keepAll ? schema.map((c) => c.name) : [...options.keep];
  for (const name of keep) {
    const column = byName.get(name);
    if (!column) {
      throw new StudioError(
        'bad_input',
        `${options.file}: --keep names column "${name}", which the file does not have (it has: ${schema
          .map((c) => c.name)
          .join(', ')})`,
        { file: options.file, column: name },
      );
    }
    const existing = columns.get(name);
    if (existing === 'float32') columns.set(name, 'float64');
    else if (!existing) columns.set(name, keptRequest(column));
  }
  if (options.label !== undefined) {
    const column = byName.get(options.label);
    if (!column) {
      throw new StudioError(
        'bad_input',
        `${options.file}: there is no label column "${options.label}" (it has: ${schema.map((c) => c.name).join(', ')})`,
        { file: options.file, column: options.label },
      );
    }
    // Labels compare by their string form (DESIGN.md), whatever the column's type.
    if (!columns.has(options.label)) columns.set(options.label, 'string');
  }
  return { columns, keep };
}

function keptRequest(column: ColumnSchema): ColumnRequest {
  return column.type === 'number' ? 'float64' : 'string';
}

/** The columns a member may be fed: never the label, which implicit input mapping could pick up. */
export function featureColumns(schema: readonly ColumnSchema[], label: string | undefined): ColumnSchema[] {
  return label === undefined ? [...schema] : schema.filter((c) => c.name !== label);
}
