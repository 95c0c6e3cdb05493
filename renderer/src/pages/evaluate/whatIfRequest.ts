/** The what-if panel's choices and the `whatif.preview` request they make. Pure, for tests under Node. */
import type { WhatIfRequest } from '../../../../contract/contract';

export interface MemberChoice {
  name: string;
  /** As typed; parsed when sent. */
  weight: string;
  dropped: boolean;
}

export interface WhatIfChoices {
  members: MemberChoice[];
  combiner: string;
}

export type Combiner = NonNullable<WhatIfRequest['combiner']>;
export const COMBINERS: Combiner[] = [
  'soft_vote',
  'hard_vote',
  'geometric_mean',
  'median',
  'rank_mean',
  'mean',
];

/** The request for `choices` on run `runId`; weights that are not numbers are left as they were. */
export function whatIfRequest(runId: number, choices: WhatIfChoices | null): WhatIfRequest {
  if (!choices) return { runId, drop: [] };
  const weights: Record<string, number> = {};
  for (const m of choices.members) {
    const w = Number(m.weight);
    if (!m.dropped && m.weight.trim() !== '' && Number.isFinite(w)) weights[m.name] = w;
  }
  const combiner = COMBINERS.find((c) => c === choices.combiner);
  return {
    runId,
    drop: choices.members.filter((m) => m.dropped).map((m) => m.name),
    weights,
    ...(combiner ? { combiner } : {}),
  };
}
