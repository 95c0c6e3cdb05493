/** The fused model: every member, the normalisation and the combiner in one checked .onnx file. */
import { succeededResult } from '../../results';
import { ErrorBox } from '../../components/ErrorBox';
import { JobProgressView } from '../../components/JobProgressView';
import { PathField } from '../../components/PathField';
import { isAbout } from '../../components/overwrite';
import { useJob } from '../../components/useJob';
import { basename, join } from '../../paths';
import { useStore, type ExportForm } from '../../store';
import { getStudio } from '../../studio';
import type { ExportRequest } from '../../types';
import { OutputField } from '../../components/OutputField';
import { ParityReport } from './ParityReport';
import type { ExportContext } from './shared';

export function fusedName(ctx: ExportContext): string {
  return `${ctx.baseName}.fused.onnx`;
}

export function FusedExport({ ctx }: { ctx: ExportContext }) {
  const { state, dispatch } = useStore();
  const form = state.exportForm;
  const set = (patch: Partial<ExportForm>) => dispatch({ type: 'exportForm', patch });
  const { job, busy, error, cancelError, start, cancel } = useJob('export');
  const outputName = fusedName(ctx);
  const derived = ctx.baseDir ? join(ctx.baseDir, outputName) : '';
  const output = (form.output || derived).trim();
  const check = form.check.trim();

  function startExport() {
    const request: ExportRequest = {
      ensemble: ctx.source(),
      output,
      layout: form.layout,
      ...(check ? { check } : {}),
    };
    void start({
      label: `Export ${basename(output)}`,
      request,
      outputs: [output],
      call: (overwrite) => getStudio()['jobs.export']({ ...request, overwrite }),
    });
  }

  const outputError = isAbout(error, 'output', output) ? error : null;
  const checkError = !outputError && isAbout(error, 'check', check) ? error : null;
  const otherError = error && !outputError && !checkError ? error : null;
  const f = job?.finished;
  const view = succeededResult(f, 'export');

  return (
    <form
      className="card"
      aria-labelledby="fused-title"
      onSubmit={(e) => {
        e.preventDefault();
        startExport();
      }}
    >
      <h2 id="fused-title">Fused model</h2>
      <p className="hint section-hint">
        One .onnx file with every member, the normalisation and the combiner in it. With a check file it is
        scored both by this app and by the fused model; the file is written when the job completes, and the
        parity report below says whether to trust it.
      </p>
      <div className="form-grid">
        <label>
          Input layout
          <select
            value={form.layout}
            onChange={(e) => set({ layout: e.target.value as ExportForm['layout'] })}
            name="export-layout"
          >
            <option value="per-column">One input per data column</option>
            <option value="matrix">One features matrix</option>
          </select>
        </label>
        <div>
          <PathField
            label="Check on data file"
            value={form.check}
            onChange={(c) => set({ check: c })}
            mode="open"
            kind="data"
            name="export-check"
            placeholder="/path/to/data.csv (optional)"
            hint="Scored both ways; leave empty to export without a check."
          />
          {checkError ? <ErrorBox error={checkError} title="Not started" /> : null}
        </div>
        <OutputField
          label="Fused model file (.onnx)"
          name="export-output"
          kind="model"
          edited={form.output}
          derived={derived}
          defaultName={outputName}
          follows="the ensemble’s name"
          placeholder="/path/to/fused.onnx"
          onChange={(o) => set({ output: o })}
          error={outputError}
        />
      </div>
      <div className="button-row">
        <button type="submit" disabled={!ctx.haveEnsemble || !output || busy}>
          {check ? 'Export and check' : 'Export'}
        </button>
        {output && !output.toLowerCase().endsWith('.onnx') ? (
          <span className="warning-text">The target should end in .onnx.</span>
        ) : null}
        {ctx.native && ctx.haveEnsemble && !output ? (
          <span className="hint">Choose the fused model file with Browse….</span>
        ) : null}
      </div>
      {otherError ? <ErrorBox error={otherError} title="Could not start" /> : null}
      {cancelError ? <ErrorBox error={cancelError} title="Could not cancel" /> : null}
      {job ? <JobProgressView job={job} onCancel={cancel} /> : null}
      {job?.finished?.status === 'failed' && job.finished.error ? (
        <ErrorBox error={job.finished.error} title="Export failed" />
      ) : null}
      {view ? <ParityReport r={view} /> : null}
    </form>
  );
}
