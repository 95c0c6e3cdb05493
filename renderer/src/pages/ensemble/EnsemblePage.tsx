import { useState } from 'react';
import { checkSource, localProblems, mappingProblems, withoutRestated } from '../../builder/check';
import { ErrorBox } from '../../components/ErrorBox';
import {
  autoInputs,
  guessLabelColumn,
  memberFromModel,
  resolvedModelPath,
  type EnsembleDraft,
  type MemberDraft,
} from '../../draft';
import { basename } from '../../paths';
import { useStore } from '../../store';
import { getStudio } from '../../studio';
import { errorPayload, type ModelInfo } from '../../types';
import { CheckProblems } from './CheckProblems';
import { MemberCard } from './MemberCard';
import { EnsembleSettings } from './EnsembleSettings';
import { SpecFileCard } from './SpecFileCard';

export function EnsemblePage() {
  const { state, dispatch } = useStore();
  const { draft, check } = state;
  const [pick, setPick] = useState('');
  const okModels = state.models.filter((m) => m.status === 'ok' && m.info).map((m) => m.info as ModelInfo);
  const columns = state.data.preview?.info.columns ?? [];
  const labelColumn = state.evaluate.label || guessLabelColumn(columns);

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
        ensemble: checkSource(draft),
        ...(input ? { input } : {}),
      });
      dispatch({ type: 'checkDone', result, error: null });
    } catch (e) {
      dispatch({ type: 'checkDone', result: null, error: errorPayload(e) });
    }
  }

  // Mapping problems in the builder's words replace the engine's wording of the same ones.
  const mapped = check.result
    ? mappingProblems(
        draft,
        modelFor,
        columns.map((c) => c.name),
      )
    : [];
  const problems = [...mapped, ...withoutRestated(check.result?.problems ?? [], mapped)];
  const memberNames = new Set(draft.members.map((m) => m.name));
  const generalProblems = problems.filter((p) => !p.location?.member || !memberNames.has(p.location.member));
  // Checked when Check was pressed: the builder's own problems join the engine's in one list.
  const ownProblems = check.result ? localProblems(draft) : [];
  const allProblems = [...ownProblems, ...problems];
  const labelShown = columns.some((c) => c.name === labelColumn) ? labelColumn : '';

  return (
    <section aria-labelledby="ensemble-title" className="page">
      <header className="page-head">
        <h1 id="ensemble-title">Ensemble</h1>
        <p className="lede">
          Pick members, map the data’s columns to each model’s inputs, choose how they are combined, and check
          it.
        </p>
      </header>

      <EnsembleSettings draft={draft} update={update} />

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
            Columns from <span className="mono">{basename(state.data.path)}</span>; the label column is never
            fed to a model: <strong>{labelColumn || '—'}</strong>.
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
              labelColumn={labelShown}
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
              className={check.result.ok && allProblems.length === 0 ? 'ok-text' : 'error-text'}
              role="status"
              data-testid="check-status"
            >
              {check.result.ok && allProblems.length === 0
                ? `Ready: ${check.result.members.length} members${
                    check.result.classes ? `, classes ${check.result.classes.join(', ')}` : ''
                  }`
                : `${allProblems.length} problem${allProblems.length === 1 ? '' : 's'} found`}
            </span>
          ) : null}
          {draft.dirty ? <span className="muted">Unsaved changes</span> : null}
        </div>
        {check.error ? <ErrorBox error={check.error} title="Check failed" /> : null}
        {allProblems.length ? <CheckProblems problems={allProblems} /> : null}
        {[...ownProblems.filter((p) => !p.location?.member), ...generalProblems].map((p, i) => (
          <ErrorBox key={i} error={p} title="Problem" />
        ))}
      </div>

      <SpecFileCard />
    </section>
  );
}
