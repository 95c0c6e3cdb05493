/**
 * Time the ensemble per execution provider and thread count on a sample. Only providers this
 * build can run are offered (the others are shown disabled, with the reason), and thread counts
 * only up to this machine's cores.
 */
import { succeededResult } from '../../results';
import { ErrorBox } from '../../components/ErrorBox';
import { JobProgressView } from '../../components/JobProgressView';
import { PathField } from '../../components/PathField';
import { isAbout } from '../../components/overwrite';
import { useJob } from '../../components/useJob';
import { fmtInt } from '../../format';
import { join } from '../../paths';
import { useStore, type ExportForm } from '../../store';
import { desktop, getStudio } from '../../studio';
import { PROVIDERS, type BenchmarkRequest, type Provider } from '../../types';
import { BenchmarkTable } from './BenchmarkTable';
import { SampleRowsField, parseThreads, positiveInt, type ExportContext } from './shared';

interface Offered {
  name: Provider;
  available: boolean;
  reason: string | null;
}

export function ProvidersBenchmark({ ctx }: { ctx: ExportContext }) {
  const { state, dispatch } = useStore();
  const form = state.exportForm;
  const set = (patch: Partial<ExportForm>) => dispatch({ type: 'exportForm', patch });
  const { job, busy, error, cancelError, start, cancel } = useJob('benchmark');
  const cores = state.appInfo?.cores ?? 256;
  // Every provider this build lists; only those a job can ask for here are enabled.
  const providers: Offered[] = (
    state.appInfo?.providers ?? [{ name: 'cpu', bundled: true, available: true, reason: null }]
  ).map((p) => {
    const driven = (PROVIDERS as string[]).includes(p.name);
    return {
      name: p.name as Provider,
      available: driven && p.available,
      reason: driven ? p.reason : (p.reason ?? 'Ensemble Studio does not drive this provider yet'),
    };
  });
  const usable = form.benchProviders.filter((p) => providers.some((o) => o.name === p && o.available));
  // Counts above the cores would only compete for them: they are left out, and the hint says so.
  const asked = form.benchThreads.trim() === '' ? [] : parseThreads(form.benchThreads);
  const threads = asked ? asked.filter((n) => n <= cores) : null;
  const tooMany = asked ? asked.filter((n) => n > cores) : [];
  const threadsOk = threads !== null && (asked?.length === 0 || threads.length > 0);
  const derivedDir = ctx.baseDir ? join(ctx.baseDir, `${ctx.baseName}.optimized`) : '';
  const optimizedDir = (form.optimizedDir || derivedDir).trim();
  const canChooseFolder = !ctx.native || typeof desktop()?.openFolder === 'function';
  const dirMissing = form.saveOptimized && !optimizedDir;
  const input = form.benchInput.trim();
  const rows = positiveInt(form.benchRows);

  function startBenchmark() {
    const request: BenchmarkRequest = {
      ensemble: ctx.source(),
      input,
      providers: usable,
      ...(threads && threads.length ? { threads } : {}),
      ...(rows ? { sampleRows: rows } : {}),
      ...(form.saveOptimized && optimizedDir ? { saveOptimizedDir: optimizedDir } : {}),
    };
    void start({
      label: `Benchmark ${usable.join(', ')}`,
      request,
      outputs: [optimizedDir],
      call: (overwrite) => getStudio()['jobs.benchmark']({ ...request, overwrite }),
    });
  }

  const dirError = isAbout(error, 'saveOptimizedDir', optimizedDir) ? error : null;
  const otherError = error && !dirError ? error : null;
  const f = job?.finished;
  const view = succeededResult(f, 'benchmark');
  const requested = job && typeof job.request === 'object' && job.request !== null ? job.request : null;
  const askedRows = requested && 'sampleRows' in requested ? Number(requested.sampleRows) : 20_000;

  return (
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
        Time the ensemble on a sample with each execution provider and thread count, then use the fastest for
        scoring. A GPU provider that cannot start here falls back to the CPU, with a warning.
      </p>
      <div className="form-grid">
        <fieldset className="provider-checks">
          <legend>Providers</legend>
          {providers.map((p) => (
            <label className={`check${p.available ? '' : ' disabled'}`} key={p.name}>
              <input
                type="checkbox"
                disabled={!p.available}
                checked={p.available && form.benchProviders.includes(p.name)}
                onChange={(e) =>
                  set({
                    benchProviders: e.target.checked
                      ? [...form.benchProviders, p.name]
                      : form.benchProviders.filter((x) => x !== p.name),
                  })
                }
              />{' '}
              {p.name}
              {p.available ? null : (
                <span className="muted small provider-reason"> — {p.reason ?? 'not available here'}</span>
              )}
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
          <span className={threadsOk ? 'hint' : 'hint warning-text'} data-testid="bench-threads-hint">
            {!threadsOk
              ? `Whole numbers from 1 to ${fmtInt(cores)}: this machine has ${fmtInt(cores)} cores.`
              : tooMany.length
                ? `${tooMany.join(', ')} left out: this machine has ${fmtInt(cores)} cores.`
                : `Comma separated, 1 to ${fmtInt(cores)} (this machine’s cores); empty: 1 and powers of two up to the cores.`}
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
            ONNX Runtime’s optimised graph of each member, per provider. Specific to this machine (its CPU and
            runtime): keep it here, ship the original models.
          </span>
        </div>
        {form.saveOptimized ? (
          <div>
            <PathField
              label="Folder for optimised graphs"
              value={form.optimizedDir || derivedDir}
              placeholder="/path/to/folder"
              onChange={(dir) => set({ optimizedDir: dir === derivedDir ? '' : dir })}
              mode="folder"
              name="bench-optimized-dir"
              hint={
                !form.optimizedDir && derivedDir
                  ? 'Follows the ensemble’s name until you edit it.'
                  : undefined
              }
            />
            {dirError ? <ErrorBox error={dirError} title="Not started" /> : null}
          </div>
        ) : null}
      </div>
      <div className="button-row">
        <button
          type="submit"
          disabled={
            !ctx.haveEnsemble ||
            !input ||
            usable.length === 0 ||
            !threadsOk ||
            (ctx.native && dirMissing && canChooseFolder) ||
            busy
          }
        >
          Benchmark providers
        </button>
        {usable.length === 0 ? <span className="hint">Choose at least one provider.</span> : null}
        {ctx.native && dirMissing && canChooseFolder ? (
          <span className="hint">Choose the folder for the optimised graphs with Browse….</span>
        ) : null}
      </div>
      {otherError ? <ErrorBox error={otherError} title="Could not start" /> : null}
      {cancelError ? <ErrorBox error={cancelError} title="Could not cancel" /> : null}
      {job ? <JobProgressView job={job} onCancel={cancel} counts="steps" /> : null}
      {job?.finished?.status === 'failed' && job.finished.error ? (
        <ErrorBox error={job.finished.error} title="The benchmark failed" />
      ) : null}
      {view ? <BenchmarkTable r={view} asked={Number.isFinite(askedRows) ? askedRows : null} /> : null}
    </form>
  );
}
