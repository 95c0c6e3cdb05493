/**
 * A definition list of facts: a term and its value per row. Rows given as null or false are left
 * out, so a fact that only sometimes applies sits in the list where it belongs.
 */
import { Fragment, type ReactNode } from 'react';

export interface KeyValueRow {
  term: string;
  value: ReactNode;
  /** Classes of the value (`mono`, `break`, `small`…). */
  className?: string;
  /** A hover text on the value (the full hash, the exact date). */
  title?: string;
  testId?: string;
}

export function KeyValue({ rows }: { rows: readonly (KeyValueRow | null | false | undefined)[] }) {
  return (
    <dl className="kv">
      {rows.map((row) =>
        row ? (
          <Fragment key={row.term}>
            <dt>{row.term}</dt>
            <dd className={row.className} title={row.title} data-testid={row.testId}>
              {row.value}
            </dd>
          </Fragment>
        ) : null,
      )}
    </dl>
  );
}
