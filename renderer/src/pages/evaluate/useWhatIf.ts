/**
 * The what-if panel's state: the members' weights and toggles and the combiner, starting from
 * the run's own (the first preview, with nothing changed, says what they are). Every change asks
 * the engine again after a short pause, so a dragged slider sends one request, not fifty; an
 * answer that arrives after a newer question is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WhatIfResult } from '../../../../contract/contract';
import { getStudio } from '../../studio';
import { errorPayload, type ErrorPayload } from '../../types';
import { whatIfRequest, type WhatIfChoices } from './whatIfRequest';

export const DEBOUNCE_MS = 100;

export function useWhatIf(runId: number) {
  const [choices, setChoices] = useState<WhatIfChoices | null>(null);
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [pending, setPending] = useState(false);
  const [millis, setMillis] = useState<number | null>(null);
  const asked = useRef(0);

  const ask = useCallback(
    async (next: WhatIfChoices | null) => {
      const seq = ++asked.current;
      setPending(true);
      const t0 = performance.now();
      try {
        const answer = await getStudio()['whatif.preview'](whatIfRequest(runId, next));
        if (seq !== asked.current) return;
        setResult(answer);
        setError(null);
        setMillis(performance.now() - t0);
        // The first answer says what the run's own weights and combiner are.
        if (!next)
          setChoices({
            members: answer.members.map((m) => ({
              name: m.name,
              weight: String(m.weight),
              dropped: m.dropped,
            })),
            combiner: answer.combiner,
          });
      } catch (e) {
        if (seq === asked.current) setError(errorPayload(e));
      } finally {
        if (seq === asked.current) setPending(false);
      }
    },
    [runId],
  );

  // A new run starts over from its own ensemble.
  useEffect(() => {
    setChoices(null);
    setResult(null);
    void ask(null);
  }, [ask]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const change = useCallback(
    (next: WhatIfChoices) => {
      setChoices(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void ask(next), DEBOUNCE_MS);
    },
    [ask],
  );

  return { choices, change, result, error, pending, millis };
}
