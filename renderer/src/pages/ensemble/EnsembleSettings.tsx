/** The ensemble as a whole: its name, task, how members are combined, and the class order. */
import { COMBINER_TEXT } from '../../builder/combiners';
import type { EnsembleDraft } from '../../draft';
import { CLASSIFICATION_COMBINERS, REGRESSION_COMBINERS, type CombinerMethod } from '../../types';

export function EnsembleSettings({
  draft,
  update,
}: {
  draft: EnsembleDraft;
  update: (patch: Partial<EnsembleDraft>) => void;
}) {
  const combiners = draft.task === 'classification' ? CLASSIFICATION_COMBINERS : REGRESSION_COMBINERS;
  return (
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
                {COMBINER_TEXT[c].name}
              </option>
            ))}
          </select>
          <span className="hint" data-testid="combiner-help">
            {COMBINER_TEXT[draft.combiner].help}
          </span>
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
      {draft.calibration ? (
        <p className="hint" data-testid="calibration-status">
          Calibrated ({draft.calibration.method}): the map is applied to the combined probabilities. It was
          fitted on this ensemble&apos;s scores, so changing members, weights, inputs or the combiner leaves
          it out.
        </p>
      ) : draft.calibrationDropped ? (
        <p className="warning-text" data-testid="calibration-status">
          The calibration map was left out: it was fitted on the scores before your change. Fit a new one
          under Evaluate › Optimise › Calibrate.
        </p>
      ) : null}
    </div>
  );
}
