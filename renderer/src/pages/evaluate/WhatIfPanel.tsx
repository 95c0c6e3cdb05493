/**
 * What-if on a finished evaluation: members on or off, their weights and the combiner, recombined
 * by the engine from the run's stored member scores (no model is loaded, no file read), with the
 * metrics before and after.
 */
import { ErrorBox } from '../../components/ErrorBox';
import { fmtInt } from '../../format';
import { useWhatIf } from './useWhatIf';
import { COMBINERS, type MemberChoice, type WhatIfChoices } from './whatIfRequest';
import { WhatIfMetrics } from './WhatIfMetrics';
import { WhatIfSave } from './WhatIfSave';

const SLIDER_MAX = 5;

function MemberRow({ m, onChange }: { m: MemberChoice; onChange: (patch: Partial<MemberChoice>) => void }) {
  const w = Number(m.weight);
  return (
    <li
      className={m.dropped ? 'whatif-member dropped' : 'whatif-member'}
      aria-label={`What-if member ${m.name}`}
    >
      <label className="check">
        <input
          type="checkbox"
          checked={!m.dropped}
          onChange={(e) => onChange({ dropped: !e.target.checked })}
        />{' '}
        {m.name}
      </label>
      <input
        type="range"
        min={0}
        max={Math.max(SLIDER_MAX, Number.isFinite(w) ? w : 0)}
        step={0.05}
        value={Number.isFinite(w) ? w : 0}
        disabled={m.dropped}
        aria-label={`Weight slider for ${m.name}`}
        onChange={(e) => onChange({ weight: e.target.value })}
      />
      <input
        type="number"
        min={0}
        step="any"
        value={m.weight}
        disabled={m.dropped}
        aria-label={`What-if weight of ${m.name}`}
        onChange={(e) => onChange({ weight: e.target.value })}
      />
    </li>
  );
}

export function WhatIfPanel({ runId, defaultSavePath }: { runId: number; defaultSavePath: string }) {
  const { choices, change, result, error, pending, millis } = useWhatIf(runId);
  const update = (next: Partial<WhatIfChoices>) => choices && change({ ...choices, ...next });
  const setMember = (name: string, patch: Partial<MemberChoice>) =>
    choices && update({ members: choices.members.map((m) => (m.name === name ? { ...m, ...patch } : m)) });
  const known = choices ? COMBINERS.some((c) => c === choices.combiner) : true;

  return (
    <div className="card whatif" data-testid="whatif-panel">
      <h2>What if…</h2>
      <p className="lede small">
        Drop members, change their weights or the combiner: the metrics are recomputed from this run’s stored
        member scores, without loading a model or reading the data again.
      </p>
      {choices ? (
        <>
          <ul className="whatif-members">
            {choices.members.map((m) => (
              <MemberRow key={m.name} m={m} onChange={(patch) => setMember(m.name, patch)} />
            ))}
          </ul>
          <label>
            Combiner
            <select value={choices.combiner} onChange={(e) => update({ combiner: e.target.value })}>
              {!known ? (
                <option value={choices.combiner} disabled>
                  {choices.combiner} (needs refitting; not offered here)
                </option>
              ) : null}
              {COMBINERS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : null}
      {error ? <ErrorBox error={error} title="What-if could not run" /> : null}
      {result ? (
        <>
          <p className="small muted" role="status" data-testid="whatif-status">
            {pending
              ? 'Recomputing…'
              : `${fmtInt(result.after.rows)} rows recombined${millis !== null ? ` in ${fmtInt(millis)} ms` : ''}.`}
          </p>
          <WhatIfMetrics result={result} />
          <WhatIfSave spec={result.spec} defaultPath={defaultSavePath} />
        </>
      ) : !error ? (
        <p className="muted">Reading the run’s stored scores…</p>
      ) : null}
    </div>
  );
}
