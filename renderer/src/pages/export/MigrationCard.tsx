/**
 * Migrate: measure every representation (members, fused, fused float16, fused int8) × provider ×
 * thread count on the analyst's own file, and write the fastest within the budgets to a new
 * folder with its migration.json. Form state is this card's own; the job's outcome is in the store.
 */
import { useState } from 'react';
import { ErrorBox } from '../../components/ErrorBox';
import { JobProgressView } from '../../components/JobProgressView';
import { PathField } from '../../components/PathField';
import { isAbout } from '../../components/overwrite';
import { useJob } from '../../components/useJob';
import { join } from '../../paths';
import { succeededResult } from '../../results';
import { getStudio } from '../../studio';
import type { CallInput } from '../../../../contract/contract';
import { MigrationTable } from './MigrationTable';
import { SampleRowsField, parseThreads, positiveInt, type ExportContext } from './shared';

type MigrateRequest = CallInput<'jobs.migrate'>;

/** A share or amount typed by hand: a finite number in [min, max], else null. */
function budget(text: string, min: number, max: number): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max ? n : null;
}

export function MigrationCard({ ctx }: { ctx: ExportContext }) {
  const { job, busy, error, cancelError, start, cancel } = useJob('migrate');
  const [input, setInput] = useState('');
  const [label, setLabel] = useState('');
  const [agreement, setAgreement] = useState('0.999');
  const [metric, setMetric] = useState('0.002');
  const [threadsText, setThreadsText] = useState('');
  const [rowsText, setRowsText] = useState('');
  const [folder, setFolder] = useState('');
  const derivedDir = ctx.baseDir ? join(ctx.baseDir, `${ctx.baseName}.migration`) : '';
  const output = (folder || derivedDir).trim();
  const budgetAgreement = budget(agreement, 0, 1);
  const budgetMetric = budget(metric, 0, Infinity);
  const threads = threadsText.trim() === '' ? [] : parseThreads(threadsText);
  const rows = positiveInt(rowsText);
  const ready =
    ctx.haveEnsemble &&
    input.trim() !== '' &&
    output !== '' &&
    budgetAgreement !== null &&
    budgetMetric !== null &&
    threads !== null;

  function startMigration() {
    if (!ready) return;
    const request: MigrateRequest = {
      ensemble: ctx.source(),
      input: input.trim(),
      ...(label.trim() ? { label: label.trim() } : {}),
      budgetAgreement: budgetAgreement!,
      budgetMetric: budgetMetric!,
      ...(threads && threads.length ? { threads } : {}),
      ...(rows ? { sampleRows: rows } : {}),
      output,
    };
    void start({
      label: `Migrate to ${output}`,
      request,
      outputs: [output],
      replaceNote: 'Its contents are replaced when the migration succeeds; until then it stays as it is.',
      call: (overwrite) => getStudio()['jobs.migrate']({ ...request, overwrite }),
    });
  }

  const folderError = isAbout(error, 'output', output) ? error : null;
  const otherError = error && !folderError ? error : null;
  const view = succeededResult(job?.finished, 'migrate');

  return (
    <form
      className="card"
      aria-labelledby="migrate-title"
      onSubmit={(e) => {
        e.preventDefault();
        startMigration();
      }}
    >
      <h2 id="migrate-title">Migrate</h2>
      <p className="hint section-hint">
        Measure the members as they are, the fused model and its float16 and int8 variants on every provider
        and thread count, on your own file; the fastest within the budgets is written to a new folder with
        migration.json, the proof of how it compares with this app.
      </p>
      <div className="form-grid">
        <PathField
          label="Data file"
          value={input}
          onChange={setInput}
          mode="open"
          kind="data"
          name="migrate-input"
        />
        <label>
          Label column (optional)
          <input
            type="text"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            name="migrate-label"
            placeholder="diagnosis"
          />
          <span className="hint">With labels the metric change is measured and budgeted too.</span>
        </label>
        <label>
          Agreement budget
          <input
            type="text"
            inputMode="decimal"
            value={agreement}
            onChange={(e) => setAgreement(e.target.value)}
            name="migrate-budget-agreement"
            aria-invalid={budgetAgreement === null}
          />
          <span className={budgetAgreement === null ? 'hint warning-text' : 'hint'}>
            The least share of rows predicted as this app predicts them, 0 to 1.
          </span>
        </label>
        <label>
          Metric budget
          <input
            type="text"
            inputMode="decimal"
            value={metric}
            onChange={(e) => setMetric(e.target.value)}
            name="migrate-budget-metric"
            aria-invalid={budgetMetric === null}
          />
          <span className={budgetMetric === null ? 'hint warning-text' : 'hint'}>
            The most the log loss (regression: RMSE) may worsen.
          </span>
        </label>
        <label>
          Thread counts
          <input
            type="text"
            value={threadsText}
            placeholder="1, 2"
            onChange={(e) => setThreadsText(e.target.value)}
            name="migrate-threads"
            aria-invalid={threads === null}
          />
          <span className="hint">Empty: 1, powers of two up to the cores, and the cores.</span>
        </label>
        <SampleRowsField name="migrate-rows" value={rowsText} onChange={setRowsText} />
        <div>
          <PathField
            label="Output folder (new or empty)"
            value={folder || derivedDir}
            placeholder="/path/to/new-folder"
            onChange={(dir) => setFolder(dir === derivedDir ? '' : dir)}
            mode="folder"
            name="migrate-output"
          />
          {folderError ? <ErrorBox error={folderError} title="Not started" /> : null}
        </div>
      </div>
      <div className="button-row">
        <button type="submit" disabled={!ready || busy}>
          Run migration
        </button>
      </div>
      {otherError ? <ErrorBox error={otherError} title="Could not start" /> : null}
      {cancelError ? <ErrorBox error={cancelError} title="Could not cancel" /> : null}
      {job ? <JobProgressView job={job} onCancel={cancel} counts="steps" /> : null}
      {job?.finished?.status === 'failed' && job.finished.error ? (
        <ErrorBox error={job.finished.error} title="The migration failed" />
      ) : null}
      {view ? <MigrationTable r={view} /> : null}
    </form>
  );
}
