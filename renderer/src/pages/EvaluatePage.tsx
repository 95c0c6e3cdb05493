import { useState } from 'react';
import { Heatmap, LineChart, type Series } from '../components/charts';
import { ErrorBox } from '../components/ErrorBox';
import { JobProgressView } from '../components/JobProgressView';
import { ColumnField } from '../components/ColumnField';
import { PathField } from '../components/PathField';
import { ensembleSource, guessLabelColumn } from '../draft';
import { higherIsBetter, metricLabel, type EvaluationResult } from '../evaluation';
import { evaluationOf, jobResult, type OptimizeResult } from '../results';
import { fmtInt, fmtNum, fmtPct } from '../format';
import { basename, dirname, join } from '../paths';
import { useStore, type JobState } from '../store';
import { getStudio, isDesktop } from '../studio';
import { errorPayload, isObject, type ErrorPayload } from '../types';

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
  const set = (patch: Partial<typeof form>) => dispatch({ type: 'evaluateForm', patch });
  const sameFile = form.input && form.input === state.data.path;
  const columns = sameFile ? (state.data.preview?.info.columns ?? []) : [];
  const label = form.label || guessLabelColumn(columns);
  const evalJob = state.lastJob.evaluate ? state.jobs[state.lastJob.evaluate] : undefined;
  const optJob = state.lastJob.optimize ? state.jobs[state.lastJob.optimize] : undefined;
  const native = isDesktop();
  const defaultName = draft.specPath
    ? basename(draft.specPath).replace(/(\.ensemble)?\.json$/i, `.${form.method}.ensemble.json`)
    : `${slug(draft.name)}.${form.method}.ensemble.json`;
  // Browser only: next to the spec, else next to the data. The desktop app never derives paths.
  const defaultOutput = native
    ? ''
    : draft.specPath
      ? draft.specPath.replace(/(\.ensemble)?\.json$/i, `.${form.method}.ensemble.json`)
      : form.input
        ? join(dirname(form.input), defaultName)
        : '';
  const optOutput = form.output || defaultOutput;
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
    setError(null);
    const size = Number(form.size);
    try {
      const request = {
        ensemble: ensembleSource(draft),
        input: form.input.trim(),
        label,
        method: form.method,
        output: optOutput,
        ...(form.method === 'greedy' && Number.isInteger(size) && size > 0 ? { size } : {}),
      };
      const started = await getStudio()['jobs.optimize'](request);
      dispatch({
        type: 'jobStarted',
        jobId: started.jobId,
        runId: started.runId,
        kind: 'optimize',
        label: `Optimize (${form.method})`,
        request,
      });
    } catch (e) {
      setError(errorPayload(e));
    }
  }

  const cancel = (job: JobState) =>
    void getStudio()
      ['jobs.cancel']({ jobId: job.jobId })
      .catch((e) => setError(errorPayload(e)));

  const evaluation = evalJob?.finished?.status === 'succeeded' ? evaluationOf(evalJob.finished.result) : null;
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
        {error ? <ErrorBox error={error} title="Could not start" /> : null}
        {evalJob ? <JobProgressView job={evalJob} onCancel={() => cancel(evalJob)} /> : null}
        {evalJob?.finished?.status === 'failed' && evalJob.finished.error ? (
          <ErrorBox error={evalJob.finished.error} title="Evaluation failed" />
        ) : null}
      </div>

      {evaluation ? <EvaluationPanels ev={evaluation} /> : null}

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
          <PathField
            label="Write the optimised spec to"
            value={form.output}
            placeholder={defaultOutput || '/path/to/optimised.ensemble.json'}
            onChange={(output) => set({ output })}
            mode="save"
            kind="ensemble"
            defaultName={defaultName}
            name="optimize-output"
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
        {optJob ? <JobProgressView job={optJob} onCancel={() => cancel(optJob)} /> : null}
        {optJob?.finished?.status === 'failed' && optJob.finished.error ? (
          <ErrorBox error={optJob.finished.error} title="Optimisation failed" />
        ) : null}
        {optimize ? <OptimizePanel opt={optimize} /> : null}
      </div>
    </section>
  );
}

function MetricsTable({ ev }: { ev: EvaluationResult }) {
  const scopes: [string, Record<string, number | null>][] = [
    ['ensemble', ev.metrics.ensemble],
    ...Object.entries(ev.metrics.members),
  ];
  const names: string[] = [];
  for (const [, set] of scopes) for (const k of Object.keys(set)) if (!names.includes(k)) names.push(k);
  const best: Record<string, number> = {};
  for (const n of names) {
    const values = scopes.map(([, s]) => s[n]).filter((v): v is number => typeof v === 'number');
    if (values.length) best[n] = higherIsBetter(n) ? Math.max(...values) : Math.min(...values);
  }
  return (
    <div className="scroll-x">
      <table className="data-table metrics-table" data-testid="metrics-table">
        <caption className="sr-only">Metrics per model; the best value of each metric is marked</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            {names.map((n) => (
              <th
                key={n}
                scope="col"
                className="num"
                title={higherIsBetter(n) ? 'higher is better' : 'lower is better'}
              >
                {metricLabel(n)} <span aria-hidden="true">{higherIsBetter(n) ? '↑' : '↓'}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scopes.map(([scope, set]) => (
            <tr key={scope} className={scope === 'ensemble' ? 'ensemble-row' : ''}>
              <th scope="row">{scope === 'ensemble' ? 'Ensemble' : scope}</th>
              {names.map((n) => {
                const v = set[n];
                const isBest = typeof v === 'number' && v === best[n];
                return (
                  <td key={n} className={`num${isBest ? ' best' : ''}`}>
                    {fmtNum(v ?? null, 4)}
                    {isBest ? <span className="sr-only"> (best)</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EvaluationPanels({ ev }: { ev: EvaluationResult }) {
  const classOptions = ev.plots.roc?.ensemble.map((r) => r.className) ?? [];
  const [cls, setCls] = useState(classOptions[0] ?? '');
  const [confusionOf, setConfusionOf] = useState('ensemble');
  const memberNames = Object.keys(ev.metrics.members);
  const curveClass = classOptions.includes(cls) ? cls : (classOptions[0] ?? '');

  const rocSeries: Series[] = ev.plots.roc
    ? [
        ['ensemble', ev.plots.roc.ensemble] as const,
        ...Object.entries(ev.plots.roc.members).map(([k, v]) => [k, v] as const),
      ].flatMap(([name, curves]) => {
        const c = curves.find((x) => x.className === curveClass);
        return c
          ? [
              {
                name: `${name === 'ensemble' ? 'Ensemble' : name}${c.auc !== null ? ` (AUC ${fmtNum(c.auc, 3)})` : ''}`,
                points: c.fpr.map((f, i) => [f, c.tpr[i] ?? 0] as [number, number]),
                emphasis: name === 'ensemble',
              },
            ]
          : [];
      })
    : [];
  const calSeries: Series[] = ev.plots.calibration
    ? [
        ['ensemble', ev.plots.calibration.ensemble] as const,
        ...Object.entries(ev.plots.calibration.members).map(([k, v]) => [k, v] as const),
      ].flatMap(([name, curves]) => {
        const c = curves.find((x) => x.className === curveClass);
        return c
          ? [
              {
                name: name === 'ensemble' ? 'Ensemble' : name,
                // Bins without rows have no calibration point.
                points: c.probPred.flatMap((p, i) =>
                  (c.counts[i] ?? 1) > 0 && Number.isFinite(p) && Number.isFinite(c.probTrue[i] ?? NaN)
                    ? [[p, c.probTrue[i] as number] as [number, number]]
                    : [],
                ),
                emphasis: name === 'ensemble',
              },
            ]
          : [];
      })
    : [];
  const confusion = ev.plots.confusion
    ? confusionOf === 'ensemble'
      ? ev.plots.confusion.ensemble
      : ev.plots.confusion.members[confusionOf]
    : undefined;

  return (
    <>
      <div className="card">
        <h2>Metrics</h2>
        <p className="hint">
          {fmtInt(ev.rows)} labelled rows
          {ev.classes && ev.classCounts
            ? ` · ${ev.classes.map((c, i) => `${c}: ${fmtInt(ev.classCounts?.[i])}`).join(', ')}`
            : ''}
          {ev.unknownLabels ? ` · ${fmtInt(ev.unknownLabels)} rows with unknown labels left out` : ''}. Best
          value per metric highlighted.
        </p>
        <MetricsTable ev={ev} />
      </div>
      <div className="card">
        <div className="card-head">
          <h2>Plots</h2>
          {classOptions.length > 1 ? (
            <label className="inline">
              Positive class
              <select value={curveClass} onChange={(e) => setCls(e.target.value)}>
                {classOptions.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <div className="chart-grid">
          {rocSeries.length ? (
            <LineChart
              title={`ROC curve${curveClass ? ` (positive class ${curveClass})` : ''}`}
              series={rocSeries}
              xLabel="False positive rate"
              yLabel="True positive rate"
              xDomain={[0, 1]}
              yDomain={[0, 1]}
              diagonal
            />
          ) : null}
          {calSeries.length ? (
            <LineChart
              title="Calibration"
              series={calSeries}
              xLabel="Mean predicted probability"
              yLabel="Fraction of positives"
              xDomain={[0, 1]}
              yDomain={[0, 1]}
              diagonal
              markers
            />
          ) : null}
          {confusion && ev.classes ? (
            <div>
              <Heatmap
                title={`Confusion matrix — ${confusionOf === 'ensemble' ? 'ensemble' : confusionOf}`}
                matrix={confusion}
                rowLabels={ev.classes}
                colLabels={ev.classes}
                rowTitle="rows: true class"
                colTitle="predicted class"
                format={(v) => fmtInt(v)}
              />
              <label className="inline">
                Model
                <select value={confusionOf} onChange={(e) => setConfusionOf(e.target.value)}>
                  <option value="ensemble">Ensemble</option>
                  {memberNames.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : null}
          {ev.plots.correlation && ev.plots.correlation.names.length > 1 ? (
            <Heatmap
              title="Member correlation"
              matrix={ev.plots.correlation.matrix.map((r) => r.map((v) => (v === null ? NaN : v)))}
              rowLabels={ev.plots.correlation.names}
              colLabels={ev.plots.correlation.names}
              scale="diverging"
            />
          ) : null}
          {ev.plots.disagreement && ev.plots.disagreement.names.length > 1 ? (
            <Heatmap
              title="Member disagreement (share of rows)"
              matrix={ev.plots.disagreement.matrix.map((r) => r.map((v) => (v === null ? NaN : v)))}
              rowLabels={ev.plots.disagreement.names}
              colLabels={ev.plots.disagreement.names}
              format={(v) => fmtPct(v, 0)}
            />
          ) : null}
        </div>
      </div>
    </>
  );
}

function OptimizePanel({ opt }: { opt: OptimizeResult }) {
  const { state, dispatch } = useStore();
  const [applied, setApplied] = useState(false);
  const draft = state.draft;
  const combiner = opt.spec.combiner;
  const weights = opt.weights ?? {};
  const trajectory = opt.trajectory ?? [];

  function apply() {
    if (opt.method === 'greedy') {
      const members = draft.members.map((m) => ({ ...m, weight: String(weights[m.name] ?? 0) }));
      dispatch({
        type: 'draft',
        draft: { ...draft, members, combiner: draft.combiner === 'stacking' ? 'soft_vote' : draft.combiner },
      });
    } else if (combiner.method === 'stacking') {
      dispatch({ type: 'draft', draft: { ...draft, combiner: 'stacking', stackingMeta: combiner.meta } });
    }
    setApplied(true);
  }

  const totalWeight = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
  const beforeLoss = opt.before?.metrics.ensemble;
  const afterLoss = opt.after?.metrics.ensemble;
  const compared = beforeLoss && afterLoss ? Object.keys(afterLoss).filter((k) => k in beforeLoss) : [];
  return (
    <div className="optimize-result" data-testid="optimize-result">
      <div className="chart-grid">
        {trajectory.length ? (
          <LineChart
            title="Greedy search: hold-out loss per round"
            series={[{ name: 'loss', points: trajectory.map((s) => [s.round, s.loss]), emphasis: true }]}
            xLabel="Round"
            yLabel="Loss"
            markers
          />
        ) : null}
        {Object.keys(weights).length ? (
          <div>
            <h3>Found weights</h3>
            <ul className="bars">
              {Object.entries(weights).map(([name, w]) => (
                <li key={name}>
                  <span className="bar-label">{name}</span>
                  <span className="bar">
                    <span style={{ width: `${(w / totalWeight) * 100}%` }} />
                  </span>
                  <span className="bar-value">{fmtNum(w, 3)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {combiner.method === 'stacking' ? <MetaModel meta={combiner.meta} /> : null}
      </div>
      {compared.length && beforeLoss && afterLoss ? (
        <table className="data-table compact">
          <caption>Ensemble before and after, on the same hold-out file</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Before
              </th>
              <th scope="col" className="num">
                After
              </th>
              <th scope="col" className="num">
                Δ
              </th>
            </tr>
          </thead>
          <tbody>
            {compared.map((k) => {
              const a = beforeLoss[k];
              const b = afterLoss[k];
              const d = typeof a === 'number' && typeof b === 'number' ? b - a : null;
              const better = d !== null && d !== 0 && d > 0 === higherIsBetter(k);
              return (
                <tr key={k}>
                  <td>{metricLabel(k)}</td>
                  <td className="num">{fmtNum(a ?? null)}</td>
                  <td className="num">{fmtNum(b ?? null)}</td>
                  <td className={`num ${d === null || d === 0 ? '' : better ? 'ok-text' : 'error-text'}`}>
                    {d === null ? '—' : `${d > 0 ? '+' : ''}${fmtNum(d)}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={apply} disabled={applied}>
          {opt.method === 'greedy' ? 'Apply weights' : 'Apply stacking model'}
        </button>
        {applied ? (
          <span className="ok-text" role="status">
            Applied to the ensemble builder.
          </span>
        ) : null}
        {opt.output ? <span className="muted small">Saved as {opt.output}</span> : null}
      </div>
    </div>
  );
}

/** The fitted stacking meta-model: one coefficient per member score (per class when multinomial). */
function MetaModel({ meta }: { meta: unknown }) {
  if (!isObject(meta)) return null;
  const features = Array.isArray(meta.features) ? meta.features.map(String) : [];
  const coef: number[][] = Array.isArray(meta.coef)
    ? meta.coef.every(Array.isArray)
      ? (meta.coef as unknown[][]).map((r) => r.map(Number))
      : [meta.coef.map(Number)]
    : [];
  const intercept: number[] = Array.isArray(meta.intercept)
    ? meta.intercept.map(Number)
    : [Number(meta.intercept)];
  return (
    <div>
      <h3>Meta-model ({String(meta.kind ?? '?')})</h3>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            {coef.map((_, i) => (
              <th key={i} scope="col" className="num">
                {coef.length > 1 ? `Coef. ${i + 1}` : 'Coefficient'}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {features.map((f, j) => (
            <tr key={f}>
              <td className="mono small">{f}</td>
              {coef.map((row, i) => (
                <td key={i} className="num">
                  {fmtNum(row[j] ?? null)}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td>
              <em>intercept</em>
            </td>
            {coef.map((_, i) => (
              <td key={i} className="num">
                {fmtNum(intercept[i] ?? intercept[0] ?? null)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
