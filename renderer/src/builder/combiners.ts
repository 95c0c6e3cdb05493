/** Combiners as the analyst reads them: a name and one line on what it does (DESIGN.md, "Combiners"). */
import type { CombinerMethod } from '../types';

export const COMBINER_TEXT: Record<CombinerMethod, { name: string; help: string }> = {
  soft_vote: {
    name: 'Soft vote',
    help: 'Averages the members’ probabilities, weighted; the top class wins.',
  },
  hard_vote: { name: 'Hard vote', help: 'Each member votes for its top class; the weighted votes decide.' },
  geometric_mean: {
    name: 'Geometric mean',
    help: 'Multiplies the members’ probabilities (weighted powers), then rescales them to sum to 1.',
  },
  median: {
    name: 'Median',
    help: 'Takes the middle value of the members for each class (weights not used).',
  },
  mean: { name: 'Mean', help: 'Averages the members’ predictions, weighted.' },
  rank_mean: {
    name: 'Rank average',
    help: 'Averages each member’s rank of the positive-class score over the file (two classes only).',
  },
  stacking: {
    name: 'Stacking',
    help: 'A small model learns how to combine the members; fit it with Optimize → Stacking.',
  },
};

export function combinerName(method: CombinerMethod): string {
  return COMBINER_TEXT[method]?.name ?? method;
}
