/**
 * A windowed table: fixed row height, only the rows in view (plus a few) are in the DOM, spacer
 * rows keep the scroll height right. Enough for previews of thousands of rows.
 */
import { useRef, useState, type ReactNode } from 'react';

interface Props {
  columns: string[];
  rowCount: number;
  cell: (row: number, col: number) => ReactNode;
  rowHeight?: number;
  height?: number;
  label: string;
  /** Leftmost column with the row number. */
  rowNumbers?: boolean;
}

export function VirtualTable({
  columns,
  rowCount,
  cell,
  rowHeight = 28,
  height = 420,
  label,
  rowNumbers = true,
}: Props) {
  const [scrollTop, setScrollTop] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const overscan = 6;
  const headerHeight = rowHeight + 4;
  const visible = Math.ceil((height - headerHeight) / rowHeight);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, first + visible + overscan * 2);
  const top = first * rowHeight;
  const bottom = (rowCount - last) * rowHeight;
  const rows: ReactNode[] = [];
  for (let r = first; r < last; r++) {
    rows.push(
      <tr key={r} aria-rowindex={r + 2} style={{ height: rowHeight }}>
        {rowNumbers ? (
          <th scope="row" className="rownum">
            {r + 1}
          </th>
        ) : null}
        {columns.map((_, c) => (
          <td key={c}>{cell(r, c)}</td>
        ))}
      </tr>,
    );
  }
  return (
    <div
      ref={ref}
      className="vtable"
      style={{ height }}
      tabIndex={0}
      role="region"
      aria-label={label}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table aria-rowcount={rowCount + 1} aria-label={label}>
        <thead>
          <tr style={{ height: headerHeight }}>
            {rowNumbers ? <th className="rownum">#</th> : null}
            {columns.map((c) => (
              <th key={c} scope="col" title={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {top > 0 ? <tr className="spacer" style={{ height: top }} aria-hidden="true" /> : null}
          {rows}
          {bottom > 0 ? <tr className="spacer" style={{ height: bottom }} aria-hidden="true" /> : null}
        </tbody>
      </table>
    </div>
  );
}
