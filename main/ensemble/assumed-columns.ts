/**
 * Columns a spec implies when no data file is at hand (export without --check, a check of a spec
 * alone): every column its members name, and the input names of members that name none, since
 * such inputs take the column of their own name.
 */
import type { ColumnSchema } from '../../contract/data-types';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import type { ModelInfo } from '../../contract/model-types';

export function assumedColumns(spec: EnsembleSpec, models: ReadonlyMap<string, ModelInfo>): ColumnSchema[] {
  const names = new Set<string>();
  for (const member of spec.members) {
    if (member.inputs) for (const cols of Object.values(member.inputs)) cols.forEach((c) => names.add(c));
    else models.get(member.name)?.inputs.forEach((input) => names.add(input.name));
  }
  return [...names].map((name) => ({ name, type: 'number', sourceType: 'DOUBLE' }));
}
