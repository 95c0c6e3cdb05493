/** Every problem the check found, in one list; each is also shown next to its member or input. */
import type { ErrorPayload } from '../../types';

export function CheckProblems({ problems }: { problems: ErrorPayload[] }) {
  return (
    <ul className="check-problems" data-testid="check-problems" aria-label="Problems found">
      {problems.map((p, i) => (
        <li key={i} className="error-text">
          {p.message}
        </li>
      ))}
    </ul>
  );
}
