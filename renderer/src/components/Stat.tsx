/** A label over a large value, with an optional note under it: the facts a result leads with. */
import type { ReactNode } from 'react';

export interface StatProps {
  label: string;
  children: ReactNode;
  /** A "before → after" value, set a little smaller. */
  pair?: boolean;
  testId?: string;
  /** A line under the value; `noteClass` colours it (muted unless told). */
  note?: ReactNode;
  noteClass?: string;
}

export function Stat({ label, children, pair, testId, note, noteClass = 'muted' }: StatProps) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className={pair ? 'stat-value pair' : 'stat-value'} data-testid={testId}>
        {children}
      </span>
      {note !== undefined && note !== null ? <span className={`small ${noteClass}`}>{note}</span> : null}
    </div>
  );
}

/** A row of stats; `label` names the row for screen readers. */
export function StatRow({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <div className="stat-row" aria-label={label}>
      {children}
    </div>
  );
}
