import { useState } from 'react';
import { importModel } from '../actions';
import { ErrorBox } from '../components/ErrorBox';
import { PathField } from '../components/PathField';
import {
  autoInputs,
  draftToSpec,
  ensembleSource,
  guessLabelColumn,
  memberFromModel,
  rebaseForSave,
  resolvedModelPath,
  specToDraft,
  splitList,
  type EnsembleDraft,
  type MemberDraft,
} from '../draft';
import { basename, dirname, join } from '../paths';
import { useStore } from '../store';
import { desktop, getStudio } from '../studio';
import {
  CLASSIFICATION_COMBINERS,
  OUTPUT_KINDS,
  REGRESSION_COMBINERS,
  errorPayload,
  type CombinerMethod,
  type ErrorPayload,
  type ModelInfo,
  type OutputKind,
} from '../types';

const combinerHelp: Record<CombinerMethod, string> = {
  soft_vote: 'Weighted mean of the members’ probabilities.',
  hard_vote: 'Each member votes its top class; votes weighted.',
  geometric_mean: 'Weighted geometric mean of probabilities, renormalised.',
  median: 'Per-class median of the members (unweighted).',
  mean: 'Weighted mean of the members’ predictions.',
  rank_mean: 'Weighted mean of rank-normalised positive-class scores (binary).',
  stacking: 'A logistic-regression (or ridge) meta-model fitted by Optimize → stacking.',
};

/** "my-ensemble" from "My ensemble": a file name the save dialog suggests. */
function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'my'
  );
}

export function EnsemblePage() {
  const { state, dispatch } = useStore();
  const { draft, check } = state;
  const [specPath, setSpecPath] = useState(draft.specPath);
  const [fileError, setFileError] = useState<ErrorPayload | null>(null);
  const [fileNote, setFileNote] = useState('');
  const [pick, setPick] = useState('');
  const okModels = state.models.filter((m) => m.status === 'ok' && m.info).map((m) => m.info as ModelInfo);
  const columns = state.data.preview?.info.columns ?? [];
  const labelColumn = state.evaluate.label || guessLabelColumn(columns);
  const combiners = draft.task === 'classification' ? CLASSIFICATION_COMBINERS : REGRESSION_COMBINERS;

  const update = (patch: Partial<EnsembleDraft>) =>
    dispatch({ type: 'draft', draft: { ...draft, ...patch } });
  const updateMember = (key: string, patch: Partial<MemberDraft>) =>
    update({ members: draft.members.map((m) => (m.key === key ? { ...m, ...patch } : m)) });
  const modelFor = (m: MemberDraft): ModelInfo | undefined => {
    const p = resolvedModelPath(draft, m);
    return okModels.find((info) => info.path === p || info.path === m.model);
  };

  function addMember(info: ModelInfo) {
    const members = [...draft.members, memberFromModel(info, draft.members, columns, labelColumn)];
    const patch: Partial<EnsembleDraft> = { members };
    if (draft.members.length === 0) {
      if (info.detected.task) patch.task = info.detected.task;
      if (draft.name === 'untitled ensemble' && state.data.preview) {
        patch.name = `${basename(state.data.path).replace(/\.[^.]+$/, '')} ensemble`;
      }
    }
    update(patch);
  }

  async function runCheck() {
    dispatch({ type: 'checkStart' });
    try {
      const input = state.data.preview ? state.data.path : undefined;
      const result = await getStudio()['ensembles.check']({
        ensemble: ensembleSource(draft),
        ...(input ? { input } : {}),
      });
      dispatch({ type: 'checkDone', result, error: null });
    } catch (e) {
      dispatch({ type: 'checkDone', result: null, error: errorPayload(e) });
    }
  }

  async function save(path: string) {
    setFileError(null);
    setFileNote('');
    try {
      const rebased = rebaseForSave(draft, path);
      const saved = await getStudio()['ensembles.save']({ path, spec: draftToSpec(rebased) });
      dispatch({ type: 'draft', draft: { ...rebased, specPath: saved.path, dirty: false }, keepClean: true });
      setSpecPath(saved.path);
      setFileNote(`Saved to ${saved.path}`);
    } catch (e) {
      setFileError(errorPayload(e));
    }
  }

  async function open(path: string) {
    setFileError(null);
    setFileNote('');
    try {
      const loaded = await getStudio()['ensembles.load']({ path });
      const next = specToDraft(loaded.spec, loaded.path);
      dispatch({ type: 'draft', draft: next, keepClean: true });
      setSpecPath(loaded.path);
      setFileNote(`Opened ${loaded.path}`);
      // Read the members' models too, so their signatures are known here.
      for (const m of next.members) {
        const p = resolvedModelPath(next, m);
        if (!state.models.some((x) => x.path === p)) await importModel(dispatch, p);
      }
    } catch (e) {
      setFileError(errorPayload(e));
    }
  }

  const problems = check.result?.problems ?? [];
  const memberNames = new Set(draft.members.map((m) => m.name));
  const generalProblems = problems.filter((p) => !p.location?.member || !memberNames.has(p.location.member));

  return (
    <section aria-labelledby="ensemble-title" className="page">
      <header className="page-head">
        <h1 id="ensemble-title">Ensemble</h1>
        <p className="lede">
          Pick members, map the data’s columns to each model’s inputs, choose how they are combined, and check
          it.
        </p>
      </header>

      <div className="card">
        <div className="form-grid">
          <label>
            Name
            <input type="text" value={draft.name} onChange={(e) => update({ name: e.target.value })} />
          </label>
          <label>
            Task
            <select
              value={draft.task}
              onChange={(e) => {
                const task = e.target.value as EnsembleDraft['task'];
                const list = task === 'classification' ? CLASSIFICATION_COMBINERS : REGRESSION_COMBINERS;
                update({
                  task,
                  combiner: list.includes(draft.combiner) ? draft.combiner : (list[0] as CombinerMethod),
                });
              }}
            >
              <option value="classification">classification</option>
              <option value="regression">regression</option>
            </select>
          </label>
          <label>
            Combiner
            <select
              value={draft.combiner}
              onChange={(e) => update({ combiner: e.target.value as CombinerMethod })}
            >
              {combiners.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <span className="hint">{combinerHelp[draft.combiner]}</span>
          </label>
          {draft.task === 'classification' ? (
            <label>
              Classes <span className="muted">(optional, in order)</span>
              <input
                type="text"
                value={draft.classes}
                placeholder="from the members"
                onChange={(e) => update({ classes: e.target.value })}
              />
            </label>
          ) : null}
        </div>
        {draft.combiner === 'stacking' && !draft.stackingMeta ? (
          <p className="warning-text">
            Stacking needs a fitted meta-model: run Optimize with the stacking method, then apply it.
          </p>
        ) : null}
      </div>

      <div className="card">
        <h2>Members</h2>
        <div className="add-member">
          <label>
            Imported model
            <select value={pick} onChange={(e) => setPick(e.target.value)}>
              <option value="">Choose a model…</option>
              {okModels.map((m) => (
                <option key={m.path} value={m.path}>
                  {basename(m.path)} · {m.detected.task ?? '?'}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={!pick}
            onClick={() => {
              const info = okModels.find((m) => m.path === pick);
              if (info) addMember(info);
              setPick('');
            }}
          >
            Add member
          </button>
          <button
            type="button"
            className="secondary"
            disabled={okModels.length === 0}
            onClick={() => {
              let members = draft.members;
              for (const info of okModels) {
                if (members.some((m) => m.model === info.path)) continue;
                members = [...members, memberFromModel(info, members, columns, labelColumn)];
              }
              const first = okModels[0];
              update({
                members,
                ...(draft.members.length === 0 && first?.detected.task ? { task: first.detected.task } : {}),
              });
            }}
          >
            Add all imported
          </button>
          {okModels.length === 0 ? <p className="hint">Import models on the Models page first.</p> : null}
        </div>
        {columns.length === 0 ? (
          <p className="hint">Open a data file on the Data page to map its columns to the members’ inputs.</p>
        ) : (
          <p className="hint">
            Columns from <span className="mono">{basename(state.data.path)}</span>; label column left out of
            automatic mapping: <strong>{labelColumn || '—'}</strong>.
          </p>
        )}

        {draft.members.length === 0 ? <p className="empty">No members yet.</p> : null}
        <ol className="member-list">
          {draft.members.map((m) => (
            <MemberCard
              key={m.key}
              member={m}
              model={modelFor(m)}
              columns={columns.map((c) => c.name)}
              problems={problems.filter((p) => p.location?.member === m.name)}
              resolved={check.result?.members.find((r) => r.name === m.name)}
              onChange={(patch) => updateMember(m.key, patch)}
              onRemove={() => update({ members: draft.members.filter((x) => x.key !== m.key) })}
              onAuto={() => updateMember(m.key, { inputs: autoInputs(modelFor(m), columns, labelColumn) })}
            />
          ))}
        </ol>
      </div>

      <div className="card">
        <div className="button-row">
          <button type="button" onClick={runCheck} disabled={draft.members.length === 0 || check.checking}>
            {check.checking ? 'Checking…' : 'Check ensemble'}
          </button>
          {check.result ? (
            <span
              className={check.result.ok ? 'ok-text' : 'error-text'}
              role="status"
              data-testid="check-status"
            >
              {check.result.ok
                ? `Ready: ${check.result.members.length} members${
                    check.result.classes ? `, classes ${check.result.classes.join(', ')}` : ''
                  }`
                : `${problems.length} problem${problems.length === 1 ? '' : 's'} found`}
            </span>
          ) : null}
          {draft.dirty ? <span className="muted">Unsaved changes</span> : null}
        </div>
        {check.error ? <ErrorBox error={check.error} title="Check failed" /> : null}
        {generalProblems.map((p, i) => (
          <ErrorBox key={i} error={p} title="Problem" />
        ))}
      </div>

      <div className="card">
        <h2>Spec file</h2>
        <PathField
          label="Ensemble spec (*.ensemble.json)"
          value={specPath}
          onChange={setSpecPath}
          mode="save"
          kind="ensemble"
          defaultName={`${fileSlug(draft.name)}.ensemble.json`}
          placeholder={
            draft.members[0]
              ? join(dirname(resolvedModelPath(draft, draft.members[0])), 'my.ensemble.json')
              : '/path/to/my.ensemble.json'
          }
          name="spec-path"
        />
        <div className="button-row">
          <button
            type="button"
            onClick={() => void save(specPath)}
            disabled={!specPath.trim() || draft.members.length === 0}
          >
            Save
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void open(specPath)}
            disabled={!specPath.trim()}
          >
            Open
          </button>
          {desktop() ? (
            <button
              type="button"
              className="secondary"
              onClick={async () => {
                const picked = await desktop()?.openFile({ kind: 'ensemble' });
                if (picked) void open(picked);
              }}
            >
              Open file…
            </button>
          ) : null}
          {fileNote ? (
            <span className="ok-text" role="status">
              {fileNote}
            </span>
          ) : null}
        </div>
        {fileError ? <ErrorBox error={fileError} title="Spec file" /> : null}
        <details>
          <summary>Spec as JSON</summary>
          <pre className="json">{JSON.stringify(draftToSpec(draft), null, 2)}</pre>
        </details>
      </div>
    </section>
  );
}

function MemberCard({
  member: m,
  model,
  columns,
  problems,
  resolved,
  onChange,
  onRemove,
  onAuto,
}: {
  member: MemberDraft;
  model: ModelInfo | undefined;
  columns: string[];
  problems: ErrorPayload[];
  resolved: { inputs: Record<string, string[]>; output: string; outputKind: string } | undefined;
  onChange: (patch: Partial<MemberDraft>) => void;
  onRemove: () => void;
  onAuto: () => void;
}) {
  const inputs = m.inputs.length
    ? m.inputs
    : (model?.inputs.map((i) => ({ input: i.name, columns: '' })) ?? []);
  const known = new Set(columns);
  return (
    <li className={`member-card${problems.length ? ' has-problems' : ''}`} aria-label={`Member ${m.name}`}>
      <div className="member-head">
        <label className="member-name">
          <span className="sr-only">Member name</span>
          <input
            type="text"
            value={m.name}
            onChange={(e) => onChange({ name: e.target.value })}
            aria-label="Member name"
          />
        </label>
        <span className="mono small muted member-model" title={m.model}>
          {basename(m.model)}
          {model ? ` · ${model.detected.task ?? '?'}` : ' · not imported'}
        </span>
        <button
          type="button"
          className="icon-button"
          onClick={onRemove}
          aria-label={`Remove member ${m.name}`}
        >
          ✕
        </button>
      </div>
      <div className="form-grid member-grid">
        <label>
          Weight
          <input
            type="number"
            min={0}
            step="any"
            value={m.weight}
            onChange={(e) => onChange({ weight: e.target.value })}
            aria-label={`Weight of ${m.name}`}
          />
        </label>
        <label>
          Output
          <select value={m.output} onChange={(e) => onChange({ output: e.target.value })}>
            <option value="">
              auto{model?.detected.scoreOutput ? ` (${model.detected.scoreOutput})` : ''}
            </option>
            {model?.outputs.map((o) => (
              <option key={o.name} value={o.name}>
                {o.name} — {o.display}
              </option>
            ))}
          </select>
        </label>
        <label>
          Output kind
          <select
            value={m.outputKind}
            onChange={(e) => onChange({ outputKind: e.target.value as OutputKind | '' })}
          >
            <option value="">auto{model?.detected.scoreKind ? ` (${model.detected.scoreKind})` : ''}</option>
            {OUTPUT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Classes
          <input
            type="text"
            value={m.classes}
            placeholder={model?.detected.classes?.join(', ') ?? 'from the model'}
            onChange={(e) => onChange({ classes: e.target.value })}
          />
        </label>
      </div>
      <fieldset className="mapping">
        <legend>
          Input mapping{' '}
          <button type="button" className="link small" onClick={onAuto} disabled={!model}>
            Map automatically
          </button>
        </legend>
        {inputs.length === 0 ? <p className="hint">Import this member’s model to see its inputs.</p> : null}
        {inputs.map((mapping, idx) => {
          const sig = model?.inputs.find((i) => i.name === mapping.input);
          const cols = splitList(mapping.columns);
          const unknown = known.size ? cols.filter((c) => !known.has(c)) : [];
          const width = sig?.shape?.[sig.shape.length - 1];
          return (
            <div key={mapping.input} className="mapping-row">
              <div className="mapping-input">
                <code>{mapping.input}</code>
                <span className="small muted">{sig?.display ?? ''}</span>
              </div>
              <textarea
                rows={cols.length > 6 ? 3 : 1}
                value={mapping.columns}
                placeholder={known.has(mapping.input) ? `${mapping.input} (same name)` : 'column, column, …'}
                aria-label={`Columns for input ${mapping.input} of ${m.name}`}
                onChange={(e) => {
                  const next = inputs.map((x, j) => (j === idx ? { ...x, columns: e.target.value } : x));
                  onChange({ inputs: next });
                }}
              />
              <div className="mapping-side">
                <span
                  className={`small ${typeof width === 'number' && cols.length && cols.length !== width ? 'error-text' : 'muted'}`}
                >
                  {cols.length} col{cols.length === 1 ? '' : 's'}
                  {typeof width === 'number' ? ` / ${width}` : ''}
                  {unknown.length
                    ? ` · unknown: ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? '…' : ''}`
                    : ''}
                </span>
                {columns.length ? (
                  <details className="column-picker">
                    <summary>Pick columns</summary>
                    <div
                      className="picker-grid"
                      role="group"
                      aria-label={`Columns for ${mapping.input} of ${m.name}`}
                    >
                      {columns.map((c) => (
                        <label key={c} className="check small">
                          <input
                            type="checkbox"
                            checked={cols.includes(c)}
                            onChange={(e) => {
                              const chosen = e.target.checked ? [...cols, c] : cols.filter((x) => x !== c);
                              const next = inputs.map((x, k) =>
                                k === idx ? { ...x, columns: chosen.join(', ') } : x,
                              );
                              onChange({ inputs: next });
                            }}
                          />
                          {c}
                        </label>
                      ))}
                    </div>
                  </details>
                ) : null}
              </div>
            </div>
          );
        })}
      </fieldset>
      {resolved ? (
        <p className="small muted">
          Resolved: output <code>{resolved.output}</code> as {resolved.outputKind};{' '}
          {Object.entries(resolved.inputs)
            .map(([k, v]) => `${k} ← ${v.length} column${v.length === 1 ? '' : 's'}`)
            .join('; ')}
        </p>
      ) : null}
      {problems.map((p, i) => (
        <ErrorBox key={i} error={p} title={`Problem with ${m.name}`} />
      ))}
    </li>
  );
}
