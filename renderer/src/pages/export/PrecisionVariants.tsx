/**
 * A lighter copy of the fused ensemble or of one member, measured against the original on the
 * analyst's data. The variant file's name follows the subject and the variant, so a file named
 * `…float16.onnx` always holds a float16 model: even an edited name has its variant word swapped
 * when the variant changes.
 */
import { succeededResult } from '../../results';
import { ColumnField } from '../../components/ColumnField';
import { ErrorBox } from '../../components/ErrorBox';
import { JobProgressView } from '../../components/JobProgressView';
import { PathField } from '../../components/PathField';
import { isAbout } from '../../components/overwrite';
import { useJob } from '../../components/useJob';
import { join } from '../../paths';
import { useStore, type ExportForm } from '../../store';
import { getStudio } from '../../studio';
import type { PrecisionRequest } from '../../types';
import { OutputField } from '../../components/OutputField';
import { PrecisionCard } from './PrecisionCard';
import { SampleRowsField, positiveInt, type ExportContext } from './shared';
import { misnamed, swapVariantWord, variantName, type Variant } from './variantNames';

export function PrecisionVariants({ ctx }: { ctx: ExportContext }) {
  const { state, dispatch } = useStore();
  const form = state.exportForm;
  const set = (patch: Partial<ExportForm>) => dispatch({ type: 'exportForm', patch });
  const { job, busy, error, cancelError, start, cancel } = useJob('precision');
  const subject = form.subject && ctx.members.includes(form.subject) ? form.subject : '';
  const name = variantName(ctx.baseName, subject, form.variant);
  const derived = ctx.baseDir ? join(ctx.baseDir, name) : '';
  const output = (form.precisionOutput || derived).trim();
  const input = form.precisionInput.trim();
  const wrongWord = misnamed(output, form.variant);
  const sameData = input !== '' && input === state.data.path;
  const labelColumns = sameData ? (state.data.preview?.info.columns ?? []) : [];

  function chooseVariant(variant: Variant) {
    const edited = form.precisionOutput;
    set({ variant, ...(edited ? { precisionOutput: swapVariantWord(edited, form.variant, variant) } : {}) });
  }

  function startPrecision() {
    const rows = positiveInt(form.precisionRows);
    const request: PrecisionRequest = {
      ensemble: ctx.source(),
      input,
      variant: form.variant,
      output,
      ...(subject ? { member: subject } : {}),
      ...(form.precisionLabel ? { label: form.precisionLabel } : {}),
      ...(rows ? { sampleRows: rows } : {}),
    };
    void start({
      label: `${form.variant} variant of ${subject || 'the fused ensemble'}`,
      request,
      outputs: [output],
      call: (overwrite) => getStudio()['jobs.precision']({ ...request, overwrite }),
    });
  }

  const outputError = isAbout(error, 'output', output) ? error : null;
  const inputError = !outputError && isAbout(error, 'input', input) ? error : null;
  const otherError = error && !outputError && !inputError ? error : null;
  const f = job?.finished;
  const view = succeededResult(f, 'precision');

  return (
    <form
      className="card"
      aria-labelledby="precision-title"
      onSubmit={(e) => {
        e.preventDefault();
        startPrecision();
      }}
    >
      <h2 id="precision-title">Precision variant</h2>
      <p className="hint section-hint">
        A lighter copy of the fused ensemble or of one member, measured against the original on your own data.
        Inputs and outputs stay float32.
      </p>
      <div className="form-grid">
        <label>
          Subject
          <select value={subject} onChange={(e) => set({ subject: e.target.value })} name="precision-subject">
            <option value="">The fused ensemble</option>
            {ctx.members.map((m) => (
              <option key={m} value={m}>
                Member {m}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="radio-group">
          <legend>Variant</legend>
          <label className="check">
            <input
              type="radio"
              name="precision-variant"
              checked={form.variant === 'float16'}
              onChange={() => chooseVariant('float16')}
            />{' '}
            float16 weights
          </label>
          <label className="check">
            <input
              type="radio"
              name="precision-variant"
              checked={form.variant === 'int8'}
              onChange={() => chooseVariant('int8')}
            />{' '}
            int8 (MatMul/Gemm weights, per column)
          </label>
        </fieldset>
        <div>
          <PathField
            label="Measure on data file"
            value={form.precisionInput}
            onChange={(precisionInput) => set({ precisionInput })}
            mode="open"
            kind="data"
            name="precision-input"
          />
          {inputError ? <ErrorBox error={inputError} title="Not started" /> : null}
        </div>
      </div>
      <div className="form-grid">
        <ColumnField
          label="Label column (optional)"
          name="precision-label"
          value={form.precisionLabel}
          columns={labelColumns}
          optional
          placeholder="none"
          onChange={(precisionLabel) => set({ precisionLabel })}
          hint="With labels, the report adds the accuracy change."
        />
        <SampleRowsField
          name="precision-rows"
          value={form.precisionRows}
          onChange={(precisionRows) => set({ precisionRows })}
        />
        <OutputField
          label="Variant file (.onnx)"
          name="precision-output"
          kind="model"
          edited={form.precisionOutput}
          derived={derived}
          defaultName={name}
          follows="the subject and the variant"
          placeholder="/path/to/variant.onnx"
          onChange={(o) => set({ precisionOutput: o })}
          error={outputError}
        />
      </div>
      <div className="button-row">
        <button type="submit" disabled={!ctx.haveEnsemble || !input || !output || busy}>
          Make variant and report
        </button>
        {wrongWord ? (
          <span className="warning-text" role="status">
            The file name says {wrongWord}, but this makes a {form.variant} model.
          </span>
        ) : null}
        {ctx.native && ctx.haveEnsemble && input && !output ? (
          <span className="hint">Choose the variant file with Browse….</span>
        ) : null}
      </div>
      {otherError ? <ErrorBox error={otherError} title="Could not start" /> : null}
      {cancelError ? <ErrorBox error={cancelError} title="Could not cancel" /> : null}
      {job ? <JobProgressView job={job} onCancel={cancel} counts="none" /> : null}
      {job?.finished?.status === 'failed' && job.finished.error ? (
        <ErrorBox error={job.finished.error} title="The variant failed" />
      ) : null}
      {view ? <PrecisionCard r={view} /> : null}
    </form>
  );
}
