/**
 * Measure the ensemble on a labelled file, then search for better weights, fit a stacking model
 * or calibrate its probabilities. An evaluation on the file the ensemble was optimised on is warned about and labelled
 * in-sample. The optimised spec's path follows the method until the analyst edits it.
 */
import { succeededResult } from '../../results';
import { ColumnField } from '../../components/ColumnField';
import { ErrorBox } from '../../components/ErrorBox';
import { JobProgressView } from '../../components/JobProgressView';
import { OutputField } from '../../components/OutputField';
import { PathField } from '../../components/PathField';
import { isAbout } from '../../components/overwrite';
import { useJob } from '../../components/useJob';
import { WeightsBlocked } from '../../components/WeightsBlocked';
import { weightProblems } from '../../builder/weights';
import { ensembleSource, guessLabelColumn } from '../../draft';
import { basename, dirname, join } from '../../paths';
import { useStore } from '../../store';
import { getStudio, isDesktop } from '../../studio';
import { EvaluationPanels } from './EvaluationPanels';
import { inSampleWarning, optimisedHereOn } from './inSample';
import { OptimizePanel } from './OptimizePanel';
import { WhatIfPanel } from './WhatIfPanel';

/** A spec's file suffix, with the method an earlier optimisation put in it ("x.greedy.ensemble.json"). */
const SPEC_SUFFIX = /(\.(greedy|stacking|calibrate))?(\.ensemble)?\.json$/i;

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'ensemble'
  );
}

export function EvaluatePage() {
  const { state, dispatch } = useStore();
  const { evaluate: form, draft } = state;
  const evaluating = useJob('evaluate');
  const optimizing = useJob('optimize');
  const error = evaluating.error ?? evaluating.cancelError;
  const set = (patch: Partial<typeof form>) => dispatch({ type: 'evaluateForm', patch });
  const sameFile = form.input && form.input === state.data.path;
  const columns = sameFile ? (state.data.preview?.info.columns ?? []) : [];
  const label = form.label || guessLabelColumn(columns);
  const evalJob = evaluating.job;
  const optJob = optimizing.job;
  const native = isDesktop();
  const defaultName = draft.specPath
    ? basename(draft.specPath).replace(SPEC_SUFFIX, `.${form.method}.ensemble.json`)
    : `${slug(draft.name)}.${form.method}.ensemble.json`;
  // Browser only: next to the spec, else next to the data. The desktop app never derives paths.
  const derivedOutput = native
    ? ''
    : draft.specPath
      ? draft.specPath.replace(SPEC_SUFFIX, `.${form.method}.ensemble.json`)
      : form.input
        ? join(dirname(form.input), defaultName)
        : '';
  const optOutput = (form.output || derivedOutput).trim();
  const badWeights = weightProblems(draft.members);
  const canRun = draft.members.length > 0 && badWeights.length === 0 && form.input.trim() && label;

  async function startEvaluate() {
    const request = { ensemble: ensembleSource(draft), input: form.input.trim(), label };
    const started = await evaluating.start({
      label: `Evaluate on ${basename(request.input)}`,
      request,
      // An evaluation writes no file: there is nothing to replace.
      outputs: [],
      call: () => getStudio()['jobs.evaluate'](request),
    });
    if (started && !form.label) set({ label });
  }

  async function startOptimize() {
    const size = Number(form.size);
    const request = {
      ensemble: ensembleSource(draft),
      input: form.input.trim(),
      label,
      method: form.method,
      output: optOutput,
      ...(form.method === 'greedy' && Number.isInteger(size) && size > 0 ? { size } : {}),
      ...(form.method === 'calibrate' ? { calibration: form.calibration } : {}),
    };
    await optimizing.start({
      label: form.method === 'calibrate' ? `Calibrate (${form.calibration})` : `Optimize (${form.method})`,
      request,
      outputs: [optOutput],
      call: (overwrite) => getStudio()['jobs.optimize']({ ...request, overwrite }),
    });
  }

  const evalFinished = evalJob?.finished;
  const evalResult = succeededResult(evalFinished, 'evaluate');
  const evaluation = evalResult?.evaluation ?? null;
  const inSample = evalResult ? inSampleWarning(evalResult) : null;
  const evaluatedInput =
    evalJob?.request && typeof evalJob.request === 'object' && 'input' in evalJob.request;
  // Before running: this session's optimisation wrote the open spec from this very file.
  const sameAsOptimised = draft.dirty ? null : optimisedHereOn(state.jobs, draft.specPath, form.input);
  const optError = optimizing.error ?? optimizing.cancelError;
  const optOutputError = isAbout(optError, 'output', optOutput) ? optError : null;
  const optOtherError = optError && !optOutputError ? optError : null;
  const optFinished = optJob?.finished;
  const optimize = succeededResult(optFinished, 'optimize');
  // Calibrating on the file the ensemble was just evaluated on makes that evaluation's file a fit file.
  const evaluatedOn =
    evalJob?.request && typeof evalJob.request === 'object' && 'input' in evalJob.request
      ? String(evalJob.request.input).trim()
      : '';
  const calibrateOnEvaluated =
    form.method === 'calibrate' && evaluatedOn !== '' && evaluatedOn === form.input.trim();

  return (
    <section aria-labelledby="evaluate-title" className="page">
      <header className="page-head">
        <h1 id="evaluate-title">Evaluate</h1>
        <p className="lede">
          Measure <strong>{draft.name}</strong> and each member on a labelled file, then search for better
          weights, fit a stacking model or calibrate its probabilities.
        </p>
      </header>

      <div className="card">
        <div className="form-grid">
          <PathField
            label="Labelled data"
            value={form.input}
            onChange={(input) => set({ input })}
            name="evaluate-input"
            mode="open"
            kind="data"
          />
          <ColumnField
            label="Label column"
            name="label-column"
            value={columns.length ? label : form.label}
            columns={columns}
            placeholder="target"
            onChange={(value) => set({ label: value })}
          />
        </div>
        <div className="button-row">
          <button
            type="button"
            onClick={() => void startEvaluate()}
            disabled={!canRun || (evalJob && !evalJob.finished)}
          >
            Evaluate ensemble
          </button>
          {draft.members.length === 0 ? <span className="hint">Build an ensemble first.</span> : null}
          <WeightsBlocked problems={badWeights} testId="evaluate-blocked" />
        </div>
        {sameAsOptimised && !inSample ? (
          <p className="notice warning-notice" role="status" data-testid="in-sample-before">
            This spec was optimised on {basename(form.input)}: evaluating it on the same file gives in-sample,
            optimistic numbers. Evaluate on a file it has not seen.
          </p>
        ) : null}
        {error ? <ErrorBox error={error} title="Could not start" /> : null}
        {evalJob ? <JobProgressView job={evalJob} onCancel={evaluating.cancel} /> : null}
        {evalJob?.finished?.status === 'failed' && evalJob.finished.error ? (
          <ErrorBox error={evalJob.finished.error} title="Evaluation failed" />
        ) : null}
      </div>

      {evaluation && inSample && evaluatedInput ? (
        <div className="notice warning-notice in-sample-warning" role="alert" data-testid="in-sample-warning">
          <strong>In-sample results.</strong> {inSample.replace(/^in-sample[:.,]?\s*/i, '')}
        </div>
      ) : null}
      {evaluation ? <EvaluationPanels ev={evaluation} inSample={inSample !== null} /> : null}
      {evaluation && evalFinished?.runId ? (
        <WhatIfPanel
          runId={evalFinished.runId}
          defaultSavePath={
            // Browser only, next to the spec, else the data; the desktop app never derives paths.
            native || !(draft.specPath || form.input)
              ? ''
              : join(dirname(draft.specPath || form.input), `${slug(draft.name)}.whatif.ensemble.json`)
          }
        />
      ) : null}

      <div className="card">
        <h2>Optimise</h2>
        <div className="form-grid">
          <fieldset className="radio-group">
            <legend>Method</legend>
            <label className="check">
              <input
                type="radio"
                name="opt-method"
                value="greedy"
                checked={form.method === 'greedy'}
                onChange={() => set({ method: 'greedy' })}
              />{' '}
              Greedy weights (Caruana)
            </label>
            <label className="check">
              <input
                type="radio"
                name="opt-method"
                value="stacking"
                checked={form.method === 'stacking'}
                onChange={() => set({ method: 'stacking' })}
              />{' '}
              Stacking (logistic regression)
            </label>
            <label className="check">
              <input
                type="radio"
                name="opt-method"
                value="calibrate"
                checked={form.method === 'calibrate'}
                onChange={() => set({ method: 'calibrate' })}
              />{' '}
              Calibrate (members and weights kept)
            </label>
          </fieldset>
          {form.method === 'calibrate' ? (
            <label>
              Calibration map
              <select
                name="calibration-method"
                value={form.calibration}
                onChange={(e) => set({ calibration: e.target.value === 'isotonic' ? 'isotonic' : 'sigmoid' })}
              >
                <option value="sigmoid">Sigmoid (Platt scaling)</option>
                <option value="isotonic">Isotonic regression</option>
              </select>
            </label>
          ) : null}
          {form.method === 'greedy' ? (
            <label>
              Rounds
              <input
                type="number"
                min={1}
                max={10000}
                value={form.size}
                onChange={(e) => set({ size: e.target.value })}
              />
            </label>
          ) : null}
          <OutputField
            label="Write the optimised spec to"
            name="optimize-output"
            kind="ensemble"
            edited={form.output}
            derived={derivedOutput}
            defaultName={defaultName}
            follows="the spec and the method"
            placeholder="/path/to/optimised.ensemble.json"
            onChange={(output) => set({ output })}
            error={optOutputError}
          />
        </div>
        {calibrateOnEvaluated ? (
          <p className="notice warning-notice" role="status" data-testid="calibrate-on-evaluation-file">
            {basename(form.input)} is the file the ensemble was just evaluated on. A map fitted on it makes
            every later evaluation on it in-sample and optimistic: calibrate on a separate hold-out file.
          </p>
        ) : null}
        <div className="button-row">
          <button
            type="button"
            onClick={() => void startOptimize()}
            disabled={!canRun || !optOutput || (optJob && !optJob.finished)}
          >
            {form.method === 'calibrate' ? 'Calibrate' : 'Optimise'}
          </button>
          {native && canRun && !optOutput ? (
            <span className="hint">Choose where to write the optimised spec with Browse….</span>
          ) : null}
        </div>
        {optOtherError ? <ErrorBox error={optOtherError} title="Could not start" /> : null}
        {optJob ? <JobProgressView job={optJob} onCancel={optimizing.cancel} /> : null}
        {optJob?.finished?.status === 'failed' && optJob.finished.error ? (
          <ErrorBox error={optJob.finished.error} title="Optimisation failed" />
        ) : null}
        {optimize ? <OptimizePanel opt={optimize} /> : null}
      </div>
    </section>
  );
}
