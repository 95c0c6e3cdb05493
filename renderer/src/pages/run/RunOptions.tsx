/**
 * How a scoring job runs: only what the engine can do here is offered. Providers this build or
 * machine cannot use are shown disabled with the engine's reason; thread counts go up to the
 * machine's cores.
 */
import type { RunForm } from '../../store';
import type { CallOutput, Provider } from '../../types';

type AppInfo = CallOutput<'app.info'>;

const CPU_ONLY: AppInfo['providers'] = [{ name: 'cpu', bundled: true, available: true, reason: null }];

export function providerLabel(p: AppInfo['providers'][number]): string {
  return p.available ? p.name : `${p.name} — ${p.reason ?? 'not available here'}`;
}

/** 1..cores, plus a count asked for elsewhere (a past run on a bigger machine) so it shows as it is. */
export function threadChoices(cores: number, current: string): number[] {
  const list = Array.from({ length: Math.max(1, cores) }, (_, i) => i + 1);
  const asked = Number(current);
  if (Number.isInteger(asked) && asked > list.length) list.push(asked);
  return list;
}

export function RunOptions({
  run,
  appInfo,
  set,
}: {
  run: RunForm;
  appInfo: AppInfo | null;
  set: (patch: Partial<RunForm>) => void;
}) {
  const providers = appInfo?.providers ?? CPU_ONLY;
  const cores = appInfo?.cores ?? 1;
  const unavailable = providers.filter((p) => !p.available);
  const chosen = providers.find((p) => p.name === run.provider);
  return (
    <>
      <div className="form-grid">
        <label>
          Provider
          <select
            value={run.provider}
            onChange={(e) => set({ provider: e.target.value as Provider })}
            aria-describedby="provider-hint"
          >
            {providers.map((p) => (
              <option key={p.name} value={p.name} disabled={!p.available}>
                {providerLabel(p)}
              </option>
            ))}
          </select>
          <span className="hint" id="provider-hint">
            {chosen && !chosen.available
              ? `${chosen.name} cannot be used here: ${chosen.reason ?? 'not available'}. Choose another.`
              : unavailable.length
                ? `Not available here: ${unavailable.map((p) => `${p.name} (${p.reason ?? 'no reason given'})`).join('; ')}.`
                : 'Every provider of this build is available.'}
          </span>
        </label>
        <label>
          Threads
          <select value={run.threads} onChange={(e) => set({ threads: e.target.value })}>
            <option value="">auto</option>
            {threadChoices(cores, run.threads).map((n) => (
              <option key={n} value={String(n)}>
                {n}
                {n > cores ? ` (more than this machine’s ${cores} cores)` : ''}
              </option>
            ))}
          </select>
          <span className="hint">
            This machine has {cores} {cores === 1 ? 'core' : 'cores'}.
          </span>
        </label>
        <label>
          Keep columns
          <input
            type="text"
            value={run.keep}
            disabled={run.keepAll}
            placeholder="id, customer, …"
            onChange={(e) => set({ keep: e.target.value })}
          />
        </label>
        <div className="checks">
          <label className="check">
            <input
              type="checkbox"
              checked={run.keepAll}
              onChange={(e) => set({ keepAll: e.target.checked })}
            />{' '}
            Keep all input columns
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={run.members}
              onChange={(e) => set({ members: e.target.checked })}
            />{' '}
            Write each member’s predictions
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={run.uncertainty}
              onChange={(e) => set({ uncertainty: e.target.checked })}
              aria-describedby="uncertainty-hint"
            />{' '}
            Add uncertainty columns
          </label>
          <span className="hint" id="uncertainty-hint">
            Entropy, margin, the members’ spread and their disagreement, per row.
          </span>
        </div>
      </div>
      <div className="escape-formulas">
        <label className="check">
          <input
            type="checkbox"
            checked={run.escapeFormulas}
            onChange={(e) => set({ escapeFormulas: e.target.checked })}
            aria-describedby="escape-hint"
          />{' '}
          Escape formulas
        </label>
        <span className="hint" id="escape-hint">
          CSV and TSV: a text cell starting with = + - @ gets a leading ' so a spreadsheet shows it instead of
          running it.
        </span>
      </div>
    </>
  );
}
