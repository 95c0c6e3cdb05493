import type { ColumnRequest, SourceType } from '../../contract/data-types';

/** Our coarse type for a DuckDB type name (as DESCRIBE prints it). */
export function sourceTypeOf(duckType: string): SourceType {
  const t = duckType.toUpperCase();
  if (t === 'BOOLEAN') return 'boolean';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t)) {
    return 'integer';
  }
  if (t === 'FLOAT' || t === 'DOUBLE' || t.startsWith('DECIMAL')) return 'number';
  if (t === 'VARCHAR') return 'string';
  if (t.startsWith('DATE') || t.startsWith('TIME')) return 'date';
  return 'other';
}

/** The DuckDB type a requested column is read as; DuckDB converts (and checks) every value. */
export function duckTypeFor(request: ColumnRequest): string {
  switch (request) {
    case 'float32':
      return 'FLOAT';
    case 'float64':
      return 'DOUBLE';
    case 'int64':
      return 'BIGINT';
    case 'string':
      return 'VARCHAR';
  }
}

/** What a DuckDB cast error's target type means to a person. */
export function describeExpected(duckType: string): string {
  switch (duckType.toUpperCase()) {
    case 'FLOAT':
    case 'DOUBLE':
      return 'a number';
    case 'BIGINT':
      return 'an integer';
    case 'BOOLEAN':
      return 'true or false';
    default:
      return `a value of type ${duckType}`;
  }
}
