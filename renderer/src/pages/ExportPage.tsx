/**
 * Carry an ensemble elsewhere: one fused ONNX file checked against the app (parity report),
 * lighter precision variants of it or of a member (precision report), and the execution provider
 * and thread count that run it fastest on this machine (benchmark).
 */
import { useState } from 'react';
import { ErrorBox } from '../components/ErrorBox';
import { JobProgressView } from '../components/JobProgressView';
import { ColumnField } from '../components/ColumnField';
import { PathField } from '../components/PathField';
import { ensembleSource, splitList, type EnsembleSourceInput } from '../draft';
import { fmtBytes, fmtDuration, fmtInt, fmtNum, fmtPct, shortHash } from '../format';
import { basename, dirname, join, stem } from '../paths';
import { PARITY_TOLERANCE, jobResult, parityPasses, type JobResult } from '../results';
import { useStore, type ExportForm, type JobKind, type JobState } from '../store';
import { desktop, getStudio, isDesktop } from '../studio';
import {
  PROVIDERS,
  errorPayload,
  type BenchmarkRequest,
  type ErrorPayload,
  type ExportRequest,
  type PrecisionRequest,
  type Provider,
} from '../types';

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'ensemble'
  );
}

/** Whole numbers from "1, 2, 4"; null when any part is not one. */
export function parseThreads(text: string): number[] | null {
  const parts = splitList(text.replace(/\s+/g, ','));
  if (!parts.length) return null;
  const values = parts.map(Number);
  if (!values.every((n) => Number.isInteger(n) && n >= 1 && n <= 256)) return null;
  return [...new Set(values)];
}

function positiveInt(text: string): number | null {
  const n = Number(text);
  return text.trim() && Number.isInteger(n) && n >= 1 ? n : null;
}

export function ExportPage() {
  const { state, dispatch } = useStore();
  const { exportForm: form, draft } = state;
  const set = (patch: Partial<ExportForm>) => dispatch({ type: 'exportForm', patch });
  const [specError, setSpecError] = useState<ErrorPayload | null>(null);
  const [errors, setErrors] = useState<Partial<Record<JobKind, ErrorPayload | null>>>({});
  const setError = (kind: JobKind, e: ErrorPayload | null) => setErrors((old) => ({ ...old, [kind]: e }));

  const fromFile = form.source === 'file';
  const loaded = fromFile && form.loadedSpec?.path === form.specPath.trim() ? form.loadedSpec : null;
  const ensembleName = fromFile ? (loaded?.name ?? basename(form.specPath)) : draft.name;
  const members = fromFile
    ? (loaded?.members ?? [])
    : draft.members.map((m) => m.name.trim() || stem(m.model));
  const haveEnsemble = fromFile ? form.specPath.trim() !== '' : draft.members.length > 0;
  const source = (): EnsembleSourceInput =>
    fromFile ? { specPath: form.specPath.trim() } : ensembleSource(draft);

  // Where outputs go by default (browser only): next to the spec, else next to the data. The
  // desktop app never derives a path: the save and folder dialogs suggest these names instead.
  const native = isDesktop();
  const specDir = fromFile ? dirname(form.specPath) : draft.specPath ? dirname(draft.specPath) : '';
  const baseDir = native ? '' : specDir || (state.data.path ? dirname(state.data.path) : '');
  const baseName = slug(fromFile ? stem(form.specPath) : draft.name);
  const subjectName = form.subject && members.includes(form.subject) ? form.subject : '';
  const outputName = `${baseName}.fused.onnx`;
  const precisionName = `${subjectName ? slug(subjectName) : `${baseName}.fused`}.${form.variant}.onnx`;
  const defaultOutput = baseDir ? join(baseDir, outputName) : '';
  const output = form.output || defaultOutput;
  const defaultPrecisionOutput = baseDir ? join(baseDir, precisionName) : '';
  const precisionOutput = form.precisionOutput || defaultPrecisionOutput;
  const defaultOptimizedDir = baseDir ? join(baseDir, `${baseName}.optimized`) : '';
  const optimizedDir = form.optimizedDir || defaultOptimizedDir;
  const canChooseFolder = !native || typeof desktop()?.openFolder === 'function';
  const optimizedDirMissing = form.saveOptimized && !optimizedDir.trim();

  const job = (kind: JobKind) => {
    const id = state.lastJob[kind];
    return id ? state.jobs[id] : undefined;
  };
  const exportJob = job('export');
  const precisionJob = job('precision');
  const benchJob = job('benchmark');

  async function openSpec(path: string) {
    setSpecError(null);
    try {
      const spec = await getStudio()['ensembles.load']({ path });
      set({ loadedSpec: { path, name: spec.spec.name, members: spec.spec.members.map((m) => m.name) } });
    } catch (e) {
      set({ loadedSpec: null });
      setSpecError(errorPayload(e));
    }
  }

  async function start<K extends 'export' | 'precision' | 'benchmark'>(
    kind: K,
    request: K extends 'export' ? ExportRequest : K extends 'precision' ? PrecisionRequest : BenchmarkRequest,
    label: string,
  ) {
    setError(kind, null);
    try {
      const studio = getStudio();
      const started =
        kind === 'export'
          ? await studio['jobs.export'](request as ExportRequest)
          : kind === 'precision'
            ? await studio['jobs.precision'](request as PrecisionRequest)
            : await studio['jobs.benchmark'](request as BenchmarkRequest);
      dispatch({ type: 'jobStarted', jobId: started.jobId, runId: started.runId, kind, label, request });
    } catch (e) {
      setError(kind, errorPayload(e));
    }
  }

  function startExport() {
    const check = form.check.trim();
    const request: ExportRequest = {
      ensemble: source(),
      output: output.trim(),
      layout: form.layout,
      ...(check ? { check } : {}),
    };
    if (!form.output) set({ output });
    void start('export', request, `Export ${basename(request.output)}`);
  }

  function startPrecision() {
    const rows = positiveInt(form.precisionRows);
    const request: PrecisionRequest = {
      ensemble: source(),
      input: form.precisionInput.trim(),
      variant: form.variant,
      output: precisionOutput.trim(),
      ...(subjectName ? { member: subjectName } : {}),
      ...(form.precisionLabel ? { label: form.precisionLabel } : {}),
      ...(rows ? { sampleRows: rows } : {}),
    };
    if (!form.precisionOutput) set({ precisionOutput });
    void start('precision', request, `${form.variant} variant of ${subjectName || 'the fused ensemble'}`);
  }

  function startBenchmark() {
    const threads = parseThreads(form.benchThreads);
    const rows = positiveInt(form.benchRows);
    const request: BenchmarkRequest = {
      ensemble: source(),
      input: form.benchInput.trim(),
      providers: form.benchProviders,
      ...(threads ? { threads } : {}),
      ...(rows ? { sampleRows: rows } : {}),
      ...(form.saveOptimized && optimizedDir.trim() ? { saveOptimizedDir: optimizedDir.trim() } : {}),
    };
    void start('benchmark', request, `Benchmark ${form.benchProviders.join(', ')}`);
  }

  const cancel = (j: JobState) =>
    void getStudio()
      ['jobs.cancel']({ jobId: j.jobId })
      .catch((e) => setError((j.kind ?? 'export') as JobKind, errorPayload(e)));

  const busy = (j: JobState | undefined) => Boolean(j && !j.finished);
  const sameData = (path: string) => path.trim() !== '' && path.trim() === state.data.path;
  const labelColumns = sameData(form.precisionInput) ? (state.data.preview?.info.columns ?? []) : [];
  // Only the providers the engine takes (app.info may list more that this build carries).
  const providers = (
    state.appInfo?.providers ?? PROVIDERS.map((name) => ({ name, bundled: name === 'cpu' }))
  ).filter((p) => (PROVIDERS as string[]).includes(p.name));
  const threadsOk = form.benchThreads.trim() === '' || parseThreads(form.benchThreads) !== null;

  const exportView =
    exportJob?.finished?.status === 'succeeded' ? jobResult(exportJob.finished.result, 'export') : null;
  const precisionView =
    precisionJob?.finished?.status === 'succeeded'
      ? jobResult(precisionJob.finished.result, 'precision')
      : null;
  const benchView =
    benchJob?.finished?.status === 'succeeded' ? jobResult(benchJob.finished.result, 'benchmark') : null;

  return (
    <section aria-labelledby="export-title" className="page">
      <header className="page-head">
        <h1 id="export-title">Export</h1>
        <p className="lede">
          Carry <strong>{ensembleName || 'an ensemble'}</strong> elsewhere: one ONNX file that plain ONNX
          Runtime runs, checked against this app; lighter precisions; and the fastest provider on this
          machine.
        </p>
      </header>

      <div className="card">
        <h2>Ensemble</h2>
        <fieldset className="radio-group source-choice">
          <legend>Export which ensemble</legend>
          <label className="check">
            <input
              type="radio"
              name="export-source"
              checked={!fromFile}
              onChange={() => set({ source: 'draft' })}
            />{' '}
            The builder’s ensemble: <strong>{draft.name}</strong>
            <span className="muted">
              ({draft.members.length} member{draft.members.length === 1 ? '' : 's'}, {draft.combiner}
              {draft.dirty ? ', unsaved changes' : ''})
            </span>
          </label>
          <label className="check">
            <input
              type="radio"
              name="export-source"
              checked={fromFile}
              onChange={() => set({ source: 'file' })}
            />{' '}
            A spec file
          </label>
        </fieldset>
        {fromFile ? (
          <PathField
            label="Ensemble spec (*.ensemble.json)"
            value={form.specPath}
            onChange={(specPath) => set({ specPath })}
            action="Open"
            onAction={(p) => void openSpec(p)}
            mode="open"
            kind="ensemble"
            name="export-spec"
            hint={
              loaded
                ? `${loaded.name}: ${loaded.members.join(', ')}`
                : 'Open it to list its members for the precision variant.'
            }
          />
        ) : null}
        {specError ? <ErrorBox error={specError} title="Could not open the spec" /> : null}
        {!haveEnsemble ? (
          <p className="hint">Build an ensemble on the Ensemble page first, or choose a spec file.</p>
        ) : null}
      </div>

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
          <PathField
            label="Check on data file"
            value={form.check}
            onChange={(check) => set({ check })}
            mode="open"
            kind="data"
            name="export-check"
            placeholder="/path/to/data.csv (optional)"
            hint="Scored both ways; leave empty to export without a check."
          />
          <PathField
            label="Fused model file (.onnx)"
            value={form.output}
            placeholder={defaultOutput || '/path/to/fused.onnx'}
            onChange={(o) => set({ output: o })}
            mode="save"
            kind="model"
            defaultName={outputName}
            name="export-output"
          />
        </div>
        <div className="button-row">
          <button type="submit" disabled={!haveEnsemble || !output.trim() || busy(exportJob)}>
            {form.check.trim() ? 'Export and check' : 'Export'}
          </button>
          {output && !output.toLowerCase().endsWith('.onnx') ? (
            <span className="warning-text">The target should end in .onnx.</span>
          ) : null}
          {native && haveEnsemble && !output.trim() ? (
            <span className="hint">Choose the fused model file with Browse….</span>
          ) : null}
        </div>
        {errors.export ? <ErrorBox error={errors.export} title="Could not start" /> : null}
        {exportJob ? <JobProgressView job={exportJob} onCancel={() => cancel(exportJob)} /> : null}
        {exportJob?.finished?.status === 'failed' && exportJob.finished.error ? (
          <ErrorBox error={exportJob.finished.error} title="Export failed" />
        ) : null}
        {exportView ? <ParityReport r={exportView} /> : null}
      </form>

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
          A lighter copy of the fused ensemble or of one member, measured against the original on your own
          data. Inputs and outputs stay float32.
        </p>
        <div className="form-grid">
          <label>
            Subject
            <select
              value={subjectName}
              onChange={(e) => set({ subject: e.target.value })}
              name="precision-subject"
            >
              <option value="">The fused ensemble</option>
              {members.map((m) => (
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
                onChange={() => set({ variant: 'float16' })}
              />{' '}
              float16 weights
            </label>
            <label className="check">
              <input
                type="radio"
                name="precision-variant"
                checked={form.variant === 'int8'}
                onChange={() => set({ variant: 'int8' })}
              />{' '}
              int8 (MatMul/Gemm weights, per column)
            </label>
          </fieldset>
          <PathField
            label="Measure on data file"
            value={form.precisionInput}
            onChange={(precisionInput) => set({ precisionInput })}
            mode="open"
            kind="data"
            name="precision-input"
          />
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
          <PathField
            label="Variant file (.onnx)"
            value={form.precisionOutput}
            placeholder={defaultPrecisionOutput || '/path/to/variant.onnx'}
            onChange={(o) => set({ precisionOutput: o })}
            mode="save"
            kind="model"
            defaultName={precisionName}
            name="precision-output"
          />
        </div>
        <div className="button-row">
          <button
            type="submit"
            disabled={
              !haveEnsemble || !form.precisionInput.trim() || !precisionOutput.trim() || busy(precisionJob)
            }
          >
            Make variant and report
          </button>
          {native && haveEnsemble && form.precisionInput.trim() && !precisionOutput.trim() ? (
            <span className="hint">Choose the variant file with Browse….</span>
          ) : null}
        </div>
        {errors.precision ? <ErrorBox error={errors.precision} title="Could not start" /> : null}
        {precisionJob ? (
          <JobProgressView job={precisionJob} onCancel={() => cancel(precisionJob)} counts="none" />
        ) : null}
        {precisionJob?.finished?.status === 'failed' && precisionJob.finished.error ? (
          <ErrorBox error={precisionJob.finished.error} title="The variant failed" />
        ) : null}
        {precisionView ? <PrecisionCard r={precisionView} /> : null}
      </form>

      <form
        className="card"
        aria-labelledby="providers-title"
        onSubmit={(e) => {
          e.preventDefault();
          startBenchmark();
        }}
      >
        <h2 id="providers-title">Providers</h2>
        <p className="hint section-hint">
          Time the ensemble on a sample with each execution provider and thread count, then use the fastest
          for scoring. A GPU provider that cannot start here falls back to the CPU, with a warning.
        </p>
        <div className="form-grid">
          <fieldset className="provider-checks">
            <legend>Providers</legend>
            {providers.map((p) => (
              <label className="check" key={p.name}>
                <input
                  type="checkbox"
                  checked={form.benchProviders.includes(p.name as Provider)}
                  onChange={(e) =>
                    set({
                      benchProviders: e.target.checked
                        ? [...form.benchProviders, p.name as Provider]
                        : form.benchProviders.filter((x) => x !== p.name),
                    })
                  }
                />{' '}
                {p.name}
                {p.bundled ? null : <span className="muted small">(not in this build)</span>}
              </label>
            ))}
          </fieldset>
          <label>
            Thread counts
            <input
              type="text"
              value={form.benchThreads}
              placeholder="1, 2, 4"
              onChange={(e) => set({ benchThreads: e.target.value })}
              name="bench-threads"
              aria-invalid={!threadsOk}
            />
            <span className={threadsOk ? 'hint' : 'hint warning-text'}>
              {threadsOk
                ? 'Comma separated; empty: 1 and powers of two up to the cores.'
                : 'Whole numbers 1–256.'}
            </span>
          </label>
          <SampleRowsField
            name="bench-rows"
            value={form.benchRows}
            onChange={(benchRows) => set({ benchRows })}
          />
          <PathField
            label="Sample data file"
            value={form.benchInput}
            onChange={(benchInput) => set({ benchInput })}
            mode="open"
            kind="data"
            name="bench-input"
          />
        </div>
        <div className="form-grid">
          <div className="checks">
            <label className="check">
              <input
                type="checkbox"
                checked={form.saveOptimized}
                onChange={(e) => set({ saveOptimized: e.target.checked })}
              />{' '}
              Save the optimised graphs
            </label>
            <span className="hint">
              ONNX Runtime’s optimised graph of each member, per provider. Specific to this machine (its CPU
              and runtime): keep it here, ship the original models.
            </span>
          </div>
          {form.saveOptimized ? (
            <PathField
              label="Folder for optimised graphs"
              value={form.optimizedDir}
              placeholder={defaultOptimizedDir || '/path/to/folder'}
              onChange={(optimizedDir) => set({ optimizedDir })}
              mode="folder"
              name="bench-optimized-dir"
            />
          ) : null}
        </div>
        <div className="button-row">
          <button
            type="submit"
            disabled={
              !haveEnsemble ||
              !form.benchInput.trim() ||
              form.benchProviders.length === 0 ||
              !threadsOk ||
              (native && optimizedDirMissing && canChooseFolder) ||
              busy(benchJob)
            }
          >
            Benchmark providers
          </button>
          {form.benchProviders.length === 0 ? (
            <span className="hint">Choose at least one provider.</span>
          ) : null}
          {native && optimizedDirMissing && canChooseFolder ? (
            <span className="hint">Choose the folder for the optimised graphs with Browse….</span>
          ) : null}
        </div>
        {errors.benchmark ? <ErrorBox error={errors.benchmark} title="Could not start" /> : null}
        {benchJob ? (
          <JobProgressView job={benchJob} onCancel={() => cancel(benchJob)} counts="steps" />
        ) : null}
        {benchJob?.finished?.status === 'failed' && benchJob.finished.error ? (
          <ErrorBox error={benchJob.finished.error} title="The benchmark failed" />
        ) : null}
        {benchView ? <BenchmarkTable r={benchView} /> : null}
      </form>
    </section>
  );
}

function Warnings({ list }: { list: string[] }) {
  return list.length ? (
    <ul className="warnings">
      {list.map((w, i) => (
        <li key={i} className="warning-text">
          {w}
        </li>
      ))}
    </ul>
  ) : null;
}

function ParityReport({ r }: { r: JobResult<'export'> }) {
  const p = r.parity;
  const pass = p ? parityPasses(p) : null;
  return (
    <div className="result-summary report" data-testid="export-result">
      {p ? (
        <div
          className={`verdict ${pass ? 'verdict-pass' : 'verdict-fail'}`}
          data-testid="parity-badge"
          role="status"
        >
          <span className={`badge ${pass ? 'badge-succeeded' : 'badge-failed'}`}>
            {pass ? 'Parity: pass' : 'Parity: fail'}
          </span>
          <span>
            {pass
              ? `The fused model gives this app’s results on all ${fmtInt(p.rows)} rows.`
              : `The fused model differs from this app (pass needs 100 % agreement and a difference below ${fmtNum(PARITY_TOLERANCE)}).`}
          </span>
        </div>
      ) : (
        <div className="verdict" data-testid="parity-badge">
          <span className="badge">Not checked</span>
          <span>Give a check file to compare the fused model with this app.</span>
        </div>
      )}
      {p ? (
        <div className="stat-row">
          <div className="stat">
            <span className="stat-label">Rows checked</span>
            <span className="stat-value">{fmtInt(p.rows)}</span>
          </div>
          <div className="stat">
            <span className="stat-label">Largest difference</span>
            <span className="stat-value" data-testid="parity-diff">
              {fmtNum(p.maxAbsDiff)}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Label agreement</span>
            <span className="stat-value" data-testid="parity-agreement">
              {fmtPct(p.agreement, p.agreement === 1 ? 0 : 2)}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Size</span>
            <span className="stat-value">{fmtBytes(r.sizeBytes)}</span>
          </div>
        </div>
      ) : null}
      {p && p.disagreements.length ? (
        <p className="warning-text">
          Labels differ on data row{p.disagreements.length === 1 ? '' : 's'}{' '}
          {p.disagreements.map((i) => fmtInt(i + 1)).join(', ')}
          {p.agreement < 1 && p.rows - Math.round(p.agreement * p.rows) > p.disagreements.length
            ? ', …'
            : ''}{' '}
          (counted from 1).
        </p>
      ) : null}
      <dl className="kv">
        <dt>File</dt>
        <dd className="mono break">{r.output ?? '—'}</dd>
        <dt>SHA-256</dt>
        <dd className="mono" title={r.outputSha256 ?? undefined}>
          {shortHash(r.outputSha256, 16)}
        </dd>
        {!p ? (
          <>
            <dt>Size</dt>
            <dd>{fmtBytes(r.sizeBytes)}</dd>
          </>
        ) : null}
        <dt>Inputs</dt>
        <dd>
          {r.inputs.length === 1 && r.inputs[0] && r.inputs[0].columns.length > 1 ? (
            <>
              <code>{r.inputs[0].name}</code> <span className="muted">{r.inputs[0].type}</span> ·{' '}
              {r.inputs[0].columns.length} columns
            </>
          ) : (
            <>
              {r.inputs.length} ({r.layout === 'matrix' ? 'one matrix' : 'one per column'}):{' '}
              <span className="mono small">
                {r.inputs
                  .slice(0, 8)
                  .map((i) => i.name)
                  .join(', ')}
                {r.inputs.length > 8 ? `, … ${r.inputs.length - 8} more` : ''}
              </span>
            </>
          )}
        </dd>
        <dt>Outputs</dt>
        <dd className="mono">{r.outputs.join(', ')}</dd>
        <dt>Opsets</dt>
        <dd className="mono">{r.opsets.map((o) => `${o.domain} ${o.version}`).join(' · ')}</dd>
        {r.classes ? (
          <>
            <dt>Classes</dt>
            <dd>{r.classes.join(', ')}</dd>
          </>
        ) : null}
        <dt>Time</dt>
        <dd>{fmtDuration(r.seconds)}</dd>
      </dl>
      <Warnings list={r.warnings} />
    </div>
  );
}

function change(before: number, after: number): string {
  if (!before) return '';
  const ratio = after / before;
  return `×${ratio.toFixed(2)}`;
}

function PrecisionCard({ r }: { r: JobResult<'precision'> }) {
  const p = r.precision;
  const acc = p.accuracy;
  return (
    <div className="result-summary report" data-testid="precision-result">
      <h3>
        {r.variant} variant of {r.subject || 'the fused ensemble'}{' '}
        <span className="muted small">· {fmtInt(p.rows)} rows</span>
      </h3>
      <div className="stat-row">
        <div className="stat">
          <span className="stat-label">Size</span>
          <span className="stat-value pair" data-testid="precision-size">
            {fmtBytes(p.original.sizeBytes)} → {fmtBytes(p.variant.sizeBytes)}
          </span>
          <span className="small muted">{fmtPct(p.sizeRatio, 0)} of the original</span>
        </div>
        <div className="stat">
          <span className="stat-label">Rows/s</span>
          <span className="stat-value pair">
            {fmtInt(p.original.rowsPerSec)} → {fmtInt(p.variant.rowsPerSec)}
          </span>
          <span className="small muted">{change(p.original.rowsPerSec, p.variant.rowsPerSec)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Largest difference</span>
          <span className="stat-value">{fmtNum(p.maxAbsDiff)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">Agreement</span>
          <span className="stat-value" data-testid="precision-agreement">
            {p.agreement === null ? '—' : fmtPct(p.agreement, p.agreement === 1 ? 0 : 2)}
          </span>
          {p.agreement === null ? (
            <span className="small muted">regression: no labels to agree on</span>
          ) : null}
        </div>
        {acc ? (
          <div className="stat">
            <span className="stat-label">Accuracy</span>
            <span className="stat-value pair">
              {fmtPct(acc.original, 2)} → {fmtPct(acc.variant, 2)}
            </span>
            <span className={`small ${acc.change < 0 ? 'warning-text' : 'muted'}`}>
              {acc.change === 0
                ? 'no change'
                : `${acc.change > 0 ? '+' : '−'}${fmtPct(Math.abs(acc.change), 2)}`}
            </span>
          </div>
        ) : null}
      </div>
      <dl className="kv">
        <dt>File</dt>
        <dd className="mono break">{r.output ?? p.output}</dd>
      </dl>
      {r.changed.length ? (
        <>
          <h3>What changed</h3>
          <ul className="changed-list">
            {r.changed.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
      <Warnings list={r.warnings} />
    </div>
  );
}

function BenchmarkTable({ r }: { r: JobResult<'benchmark'> }) {
  const { dispatch } = useStore();
  const [applied, setApplied] = useState<string | null>(null);
  const fastest = r.best ?? null;
  const isBest = (e: JobResult<'benchmark'>['entries'][number]) =>
    fastest !== null && e.provider === fastest.provider && e.threads === fastest.threads;
  function use(provider: Provider, threads: number) {
    dispatch({ type: 'runForm', patch: { provider, threads: String(threads) } });
    setApplied(`The Run page now scores with ${provider}, ${threads} thread${threads === 1 ? '' : 's'}.`);
  }
  return (
    <div className="result-summary report" data-testid="benchmark-result">
      <h3>
        Results <span className="muted small">· {fmtInt(r.rows)} sample rows</span>
      </h3>
      <div className="scroll-x">
        <table className="data-table compact bench-table">
          <caption className="sr-only">
            Rows per second per provider and thread count; the fastest is marked
          </caption>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col" className="num">
                Threads
              </th>
              <th scope="col" className="num">
                Rows/s
              </th>
              <th scope="col" className="num">
                Load
              </th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {r.entries.map((e) => (
              <tr key={`${e.provider}-${e.threads}`} className={isBest(e) ? 'fastest' : ''}>
                <th scope="row">
                  {e.provider}
                  {e.providerUsed && e.providerUsed !== e.provider ? (
                    <span className="muted small"> → {e.providerUsed}</span>
                  ) : null}
                </th>
                <td className="num">{e.threads}</td>
                <td className="num">
                  {fmtInt(e.rowsPerSec)}
                  {isBest(e) ? <span className="badge badge-succeeded fastest-badge">fastest</span> : null}
                </td>
                <td className="num">{fmtDuration(e.loadSeconds)}</td>
                <td>
                  {e.ok ? <span className="ok-text">ok</span> : <span className="error-text">failed</span>}
                  {e.warning ? <span className="warning-text small"> · {e.warning}</span> : null}
                </td>
                <td className="actions">
                  {e.ok && e.providerUsed === e.provider ? (
                    <button
                      type="button"
                      className={isBest(e) ? '' : 'secondary'}
                      onClick={() => use(e.provider, e.threads)}
                      aria-label={`Use ${e.provider} with ${e.threads} thread${e.threads === 1 ? '' : 's'}`}
                    >
                      Use this provider
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {applied ? (
        <p className="ok-text" role="status">
          {applied}
        </p>
      ) : null}
      {r.optimizedModels.length ? (
        <>
          <h3>Optimised graphs</h3>
          <p className="hint">Specific to this machine and provider: do not ship them elsewhere.</p>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Provider</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {r.optimizedModels.map((m) => (
                <tr key={`${m.member}-${m.provider}`}>
                  <td>{m.member}</td>
                  <td>{m.provider}</td>
                  <td className="mono small break">{m.path}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

/** How many rows of the data file a report or benchmark runs on. */
function SampleRowsField(props: { name: string; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      Sample rows
      <input
        type="number"
        min={1}
        max={1000000}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        name={props.name}
      />
    </label>
  );
}
