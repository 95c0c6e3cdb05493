/**
 * Measure the ensemble on a labelled file, then search for better weights or fit a stacking
 * model. An evaluation on the file the ensemble was optimised on is warned about and labelled
 * in-sample. The optimised spec's path follows the method until the analyst edits it.
 */
import { useState } from 'react';
import { ColumnField } from '../components/ColumnField';
import { ErrorBox } from '../components/ErrorBox';
import { JobProgressView } from '../components/JobProgressView';
import { OutputField } from '../components/OutputField';
import { PathField } from '../components/PathField';
import { isAbout } from '../components/overwrite';
import { useStartJob } from '../components/useStartJob';
import { ensembleSource, guessLabelColumn } from '../draft';
import { basename, dirname, join } from '../paths';
import { evaluationOf, jobResult } from '../results';
import { useStore, type JobState } from '../store';
import { getStudio, isDesktop } from '../studio';
import { errorPayload, type ErrorPayload } from '../types';
import { EvaluationPanels } from './evaluate/EvaluationPanels';
import { inSampleWarning, optimisedHereOn } from './evaluate/inSample';
import { OptimizePanel } from './evaluate/OptimizePanel';

/** A spec's file suffix, with the method an earlier optimisation put in it ("x.greedy.ensemble.json"). */
const SPEC_SUFFIX = /(\.(greedy|stacking))?(\.ensemble)?\.json$/i;

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
  const [error, setError] = useState<ErrorPayload | null>(null);
  const optimizeStart = useStartJob();
  const set = (patch: Partial<typeof form>) => dispatch({ type: 'evaluateForm', patch });
  const sameFile = form.input && form.input === state.data.path;
  const columns = sameFile ? (state.data.preview?.info.columns ?? []) : [];
  const label = form.label || guessLabelColumn(columns);
  const evalJob = state.lastJob.evaluate ? state.jobs[state.lastJob.evaluate] : undefined;
  const optJob = state.lastJob.optimize ? state.jobs[state.lastJob.optimize] : undefined;
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
  const canRun = draft.members.length > 0 && form.input.trim() && label;

  async function startEvaluate() {
    setError(null);
    try {
      const request = { ensemble: ensembleSource(draft), input: form.input.trim(), label };
      const started = await getStudio()['jobs.evaluate'](request);
      dispatch({
        type: 'jobStarted',
        jobId: started.jobId,
        runId: started.runId,
        kind: 'evaluate',
        label: `Evaluate on ${basename(request.input)}`,
        request,
      });
      if (!form.label) set({ label });
    } catch (e) {
      setError(errorPayload(e));
    }
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
    };
    await optimizeStart.start({
      kind: 'optimize',
      label: `Optimize (${form.method})`,
      request,
      outputs: [optOutput],
      call: (overwrite) => getStudio()['jobs.optimize']({ ...request, overwrite }),
    });
  }

  const cancel = (job: JobState) =>
    void getStudio()
      ['jobs.cancel']({ jobId: job.jobId })
      .catch((e) => setError(errorPayload(e)));

  const evaluation = evalJob?.finished?.status === 'succeeded' ? evaluationOf(evalJob.finished.result) : null;
  const inSample = evaluation ? inSampleWarning(evalJob?.finished?.result) : null;
  const evaluatedInput =
    evalJob?.request && typeof evalJob.request === 'object' && 'input' in evalJob.request;
  // Before running: this session's optimisation wrote the open spec from this very file.
  const sameAsOptimised = draft.dirty ? null : optimisedHereOn(state.jobs, draft.specPath, form.input);
  const optError = optimizeStart.error;
  const optOutputError = isAbout(optError, 'output', optOutput) ? optError : null;
  const optOtherError = optError && !optOutputError ? optError : null;
  const optimize =
    optJob?.finished?.status === 'succeeded' ? jobResult(optJob.finished.result, 'optimize') : null;

  return (
    <section aria-labelledby="evaluate-title" className="page">
      <header className="page-head">
        <h1 id="evaluate-title">Evaluate</h1>
        <p className="lede">
          Measure <strong>{draft.name}</strong> and each member on a labelled file, then search for better
          weights or fit a stacking model.
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
        </div>
        {sameAsOptimised && !inSample ? (
          <p className="notice warning-notice" role="status" data-testid="in-sample-before">
            This spec was optimised on {basename(form.input)}: evaluating it on the same file gives in-sample,
            optimistic numbers. Evaluate on a file it has not seen.
          </p>
        ) : null}
        {error ? <ErrorBox error={error} title="Could not start" /> : null}
        {evalJob ? <JobProgressView job={evalJob} onCancel={() => cancel(evalJob)} /> : null}
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
          </fieldset>
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
        <div className="button-row">
          <button
            type="button"
            onClick={() => void startOptimize()}
            disabled={!canRun || !optOutput || (optJob && !optJob.finished)}
          >
            Optimise
          </button>
          {native && canRun && !optOutput ? (
            <span className="hint">Choose where to write the optimised spec with Browse….</span>
          ) : null}
        </div>
        {optOtherError ? <ErrorBox error={optOtherError} title="Could not start" /> : null}
        {optJob ? <JobProgressView job={optJob} onCancel={() => cancel(optJob)} /> : null}
        {optJob?.finished?.status === 'failed' && optJob.finished.error ? (
          <ErrorBox error={optJob.finished.error} title="Optimisation failed" />
        ) : null}
        {optimize ? <OptimizePanel opt={optimize} /> : null}
      </div>
    </section>
  );
}
