/**
 * Watch an ensemble in use: the data it was validated on (a file or an earlier run's input)
 * against the data it sees now. Drift per feature worst first, prediction drift, and the
 * accuracy estimated without labels beside the reference's measured one; the same as an HTML page.
 */
import { succeededResult } from '../../results';
import { EnsembleSourceChoice } from '../../components/EnsembleSourceChoice';
import { useState } from 'react';
import { ColumnField } from '../../components/ColumnField';
import { ErrorBox } from '../../components/ErrorBox';
import { isAbout } from '../../components/overwrite';
import { JobProgressView } from '../../components/JobProgressView';
import { PathField } from '../../components/PathField';
import { useJob } from '../../components/useJob';
import { WeightsBlocked } from '../../components/WeightsBlocked';
import { weightProblems } from '../../builder/weights';
import { ensembleSource, type EnsembleSourceInput } from '../../draft';
import { basename, stem, withExtension } from '../../paths';
import { useStore, type MonitorForm } from '../../store';
import { getStudio, isDesktop } from '../../studio';
import { ExportReport } from './ExportReport';
import { MonitorResults } from './MonitorResults';
import { ReferenceChoice, referenceOf } from './ReferenceChoice';

export function MonitorPage() {
  const { state, dispatch } = useStore();
  const { monitorForm: form, draft } = state;
  const monitoring = useJob('monitor');
  const set = (patch: Partial<MonitorForm>) => dispatch({ type: 'monitorForm', patch });
  const fromFile = form.source === 'file';
  const badWeights = fromFile ? [] : weightProblems(draft.members);
  const haveEnsemble = fromFile ? form.specPath.trim() !== '' : draft.members.length > 0;
  const reference = referenceOf(form);
  const current = form.current.trim();
  const columns = current && current === state.data.path ? (state.data.preview?.info.columns ?? []) : [];
  const job = monitoring.job;
  const error = monitoring.error ?? monitoring.cancelError;
  const finished = job?.finished;
  const result = succeededResult(finished, 'monitor');
  const canRun = haveEnsemble && badWeights.length === 0 && reference !== '' && current !== '';
  // The report follows the current file's name until edited; the desktop app derives no paths.
  const [reportEdited, setReportEdited] = useState('');
  const derivedReport = current && !isDesktop() ? withExtension(current, 'monitor.html') : '';
  const reportPath = (reportEdited || derivedReport).trim();
  const reportError = isAbout(error, 'report', reportPath) ? error : null;
  const otherError = error && !reportError ? error : null;

  /** Runs the check; with `report`, the page is written when it succeeds (an existing one asked about). */
  async function start(report?: string) {
    const ensemble: EnsembleSourceInput = fromFile
      ? { specPath: form.specPath.trim() }
      : ensembleSource(draft);
    const label = form.label.trim();
    const request = {
      ensemble,
      reference,
      current,
      ...(label ? { label } : {}),
      ...(report ? { report } : {}),
    };
    await monitoring.start({
      label: `Monitor ${basename(current)}`,
      request,
      // Without a report, monitoring writes no file: there is nothing to replace.
      outputs: report ? [report] : [],
      call: (overwrite) => getStudio()['jobs.monitor']({ ...request, overwrite }),
    });
  }

  return (
    <section aria-labelledby="monitor-title" className="page">
      <header className="page-head">
        <h1 id="monitor-title">Monitor</h1>
        <p className="lede">
          Check that the data an ensemble sees now still looks like the data it was validated on, estimate how
          well it does before labels arrive, and see which predictions moved.
        </p>
      </header>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <EnsembleSourceChoice
          name="monitor-source"
          legend="Ensemble"
          draft={draft}
          fromFile={fromFile}
          onChoose={(source) => set({ source })}
        />
        {fromFile ? (
          <PathField
            label="Ensemble spec (*.ensemble.json)"
            value={form.specPath}
            onChange={(specPath) => set({ specPath })}
            mode="open"
            kind="ensemble"
            name="monitor-spec"
          />
        ) : null}
        <ReferenceChoice form={form} set={set} />
        <div className="form-grid">
          <PathField
            label="Current data"
            value={form.current}
            onChange={(c) => set({ current: c })}
            name="monitor-current"
            mode="open"
            kind="data"
          />
          <ColumnField
            label="Label column (optional)"
            name="monitor-label"
            value={form.label}
            columns={columns}
            optional
            placeholder="none"
            hint="Measured metrics go beside the estimates on each side that has it."
            onChange={(label) => set({ label })}
          />
        </div>
        <div className="button-row">
          <button type="submit" disabled={!canRun || monitoring.starting || monitoring.busy}>
            {monitoring.starting ? 'Starting…' : 'Check for drift'}
          </button>
          {!haveEnsemble ? (
            <span className="hint">Build an ensemble on the Ensemble page first, or choose a spec file.</span>
          ) : null}
          <WeightsBlocked problems={badWeights} testId="monitor-blocked" />
        </div>
        {otherError ? <ErrorBox error={otherError} title="Could not start" /> : null}
      </form>

      {job ? (
        <div className="card" aria-live="polite">
          <JobProgressView job={job} onCancel={monitoring.cancel} />
          {finished?.status === 'failed' && finished.error ? (
            <ErrorBox error={finished.error} title="Monitoring failed" />
          ) : null}
        </div>
      ) : null}
      {result ? (
        <MonitorResults
          result={result}
          exportReport={
            <ExportReport
              edited={reportEdited}
              derived={derivedReport}
              defaultName={current ? `${stem(current)}.monitor.html` : 'drift.monitor.html'}
              onChange={setReportEdited}
              onExport={() => void start(reportPath)}
              busy={!canRun || monitoring.starting || monitoring.busy}
              error={reportError}
              written={result.report}
            />
          }
        />
      ) : null}
    </section>
  );
}
