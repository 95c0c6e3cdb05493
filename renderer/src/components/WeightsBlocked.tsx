/**
 * Why a job cannot start while the builder's weights are wrong: the first problem, with the member
 * it is about. Jobs that run the builder's ensemble block on it as Save does.
 */
import type { WeightProblem } from '../builder/weights';

export function WeightsBlocked({ problems, testId }: { problems: readonly WeightProblem[]; testId: string }) {
  const first = problems[0];
  if (!first) return null;
  return (
    <span className="error-text" data-testid={testId}>
      Fix the ensemble’s weights first: {first.member ? `${first.member}: ` : ''}
      {first.message}
    </span>
  );
}
