import { ErrorBox } from '../../components/ErrorBox';
import { JobProgressView } from '../../components/JobProgressView';
import { PathField, chooseSavePath } from '../../components/PathField';
import { useJob } from '../../components/useJob';
import { WeightsBlocked } from '../../components/WeightsBlocked';
import { combinerName } from '../../builder/combiners';
import { weightProblems } from '../../builder/weights';
import { ensembleSource, splitList } from '../../draft';
import { basename, dirname, extension, join, stem, withExtension } from '../../paths';
import { useStore, type JobState } from '../../store';
import { getStudio, isDesktop } from '../../studio';
import type { ScoreRequest } from '../../types';
import { JobOutcome } from './JobOutcome';
import { RunOptions } from './RunOptions';
import { runErrorPlace } from './errorPlace';

/** Exactly the formats the engine writes (by the output's extension). */
const FORMATS = [
  { ext: 'csv', label: 'CSV' },
  { ext: 'tsv', label: 'TSV' },
  { ext: 'parquet', label: 'Parquet' },
  { ext: 'jsonl', label: 'JSON Lines' },
] as const;

/** The output's suggested file name: "patients.scored.csv" for "…/patients.csv". */
export function defaultOutputName(input: string, ext = 'csv'): string {
  return `${input ? stem(input) : 'scored'}${input ? '.scored' : ''}.${ext}`;
}

/** Browser only: the output next to the input. The desktop app never derives paths (docs/SECURITY.md). */
export function defaultOutputPath(input: string): string {
  return input ? join(dirname(input), defaultOutputName(input)) : '';
}

export function RunPage() {
  const { state, dispatch } = useStore();
  const { run, draft } = state;
  const scoring = useJob('score');
  const { job, starting } = scoring;
  const error = scoring.error ?? scoring.cancelError;
  const set = (patch: Partial<typeof run>) => dispatch({ type: 'runForm', patch });
  const jobId = job?.jobId;
  const ext = extension(run.output);
  const format = FORMATS.some((f) => f.ext === ext) ? ext : '';
  const native = isDesktop();
  // In the desktop app an output is only ever one chosen in the save dialog.
  const output = run.output || (native ? '' : defaultOutputPath(run.input));
  const badWeights = weightProblems(draft.members);
  const recent = state.jobOrder
    .map((id) => state.jobs[id] as JobState)
    .filter((j) => j.kind === 'score' && j.jobId !== jobId)
    .slice(0, 5);
  const place = error ? runErrorPlace(error, { input: run.input.trim(), output: output.trim() }) : null;

  async function changeFormat(ext: string) {
    if (!native) {
      set({ output: withExtension(output || 'scored.csv', ext) });
      return;
    }
    // Another extension is another file: choose it with the save dialog.
    const name = output ? withExtension(basename(output), ext) : defaultOutputName(run.input, ext);
    const picked = await chooseSavePath('output', name);
    if (picked) set({ output: picked });
  }

  async function start(): Promise<void> {
    const threads = Number(run.threads);
    const request: Omit<ScoreRequest, 'overwrite'> = {
      ensemble: ensembleSource(draft),
      input: run.input.trim(),
      output: output.trim(),
      keep: run.keepAll ? [] : splitList(run.keep),
      keepAll: run.keepAll,
      members: run.members,
      provider: run.provider,
      escapeFormulas: run.escapeFormulas,
      uncertainty: run.uncertainty,
      ...(run.threads && Number.isInteger(threads) && threads > 0 ? { threads } : {}),
    };
    const started = await scoring.start({
      label: `Score ${basename(request.input)}`,
      request,
      outputs: [request.output],
      replaceNote: 'Scoring replaces it with the new output when the run succeeds.',
      call: (overwrite) => getStudio()['jobs.score']({ ...request, overwrite }),
    });
    if (started && !run.output) set({ output });
  }

  const running = job && !job.finished;
  return (
    <section aria-labelledby="run-title" className="page">
      <header className="page-head">
        <h1 id="run-title">Run</h1>
        <p className="lede">
          Score a data file with <strong>{draft.name}</strong> ({draft.members.length} member
          {draft.members.length === 1 ? '' : 's'}, {combinerName(draft.combiner)}).
        </p>
      </header>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <PathField
          label="Input data"
          value={run.input}
          onChange={(input) => set({ input })}
          name="run-input"
          mode="open"
          kind="data"
        />
        {error && place === 'input' ? <ErrorBox error={error} title="Input data" /> : null}
        <div className="form-grid">
          <div>
            <PathField
              label="Output file"
              value={run.output}
              placeholder={defaultOutputPath(run.input) || '/path/to/scored.csv'}
              onChange={(o) => set({ output: o })}
              mode="save"
              kind="output"
              defaultName={defaultOutputName(run.input)}
              name="run-output"
            />
            {error && place === 'output' ? (
              <div data-testid="output-error">
                <ErrorBox error={error} title="Output file" />
              </div>
            ) : null}
          </div>
          <label>
            Format
            <select
              value={format}
              onChange={(e) => void changeFormat(e.target.value)}
              aria-describedby="format-hint"
            >
              {format === '' ? <option value="">from extension</option> : null}
              {FORMATS.map((f) => (
                <option key={f.ext} value={f.ext}>
                  {f.label}
                </option>
              ))}
            </select>
            <span className="hint" id="format-hint">
              {native
                ? 'Chosen by the output’s extension; another format opens the save dialog.'
                : 'Chosen by the output’s extension (.csv, .tsv, .parquet, .jsonl).'}
            </span>
          </label>
        </div>
        <RunOptions run={run} appInfo={state.appInfo} set={set} />
        <div className="button-row">
          <button
            type="submit"
            disabled={
              starting ||
              !run.input.trim() ||
              !output.trim() ||
              draft.members.length === 0 ||
              badWeights.length > 0
            }
          >
            {starting ? 'Starting…' : 'Start scoring'}
          </button>
          {running ? (
            <span className="muted">A job is running; another may be started alongside it.</span>
          ) : null}
          {draft.members.length === 0 ? <span className="hint">Build an ensemble first.</span> : null}
          <WeightsBlocked problems={badWeights} testId="run-blocked" />
          {native && draft.members.length > 0 && run.input.trim() && !output.trim() ? (
            <span className="hint">Choose the output file with Browse….</span>
          ) : null}
        </div>
        {error && place === 'form' ? <ErrorBox error={error} title="Could not start" /> : null}
      </form>

      {job ? (
        <div className="card" aria-live="polite">
          <h2>Current job</h2>
          <JobProgressView job={job} onCancel={scoring.cancel} />
          <JobOutcome job={job} />
        </div>
      ) : null}

      {recent.length ? (
        <div className="card">
          <h2>Earlier in this session</h2>
          <ul className="recent-jobs">
            {recent.map((j) => (
              <li key={j.jobId}>
                <span className={`badge badge-${j.finished?.status ?? 'running'}`}>
                  {j.finished?.status ?? 'running'}
                </span>{' '}
                {j.label} <span className="muted">run #{j.runId}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
