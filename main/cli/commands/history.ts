/** `history [list | show ID | compare A B]`: what ran, on what, with which result. */
import type { Engine } from '../../engine/create-engine';
import type { RunComparison, RunDetail, RunSummary } from '../../../contract/history-types';
import { intOption, noExtraArguments, parseCommand } from '../parse-args';
import { UsageError } from '../usage-error';
import { renderTable } from '../../jobs/kinds/text-table';
import { metricTable } from '../../jobs/kinds/run-text';

export async function historyCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      kind: { type: 'string' },
      status: { type: 'string' },
      ensemble: { type: 'string' },
      dataset: { type: 'string' },
      limit: { type: 'string' },
    },
    'history',
  );
  const [sub = 'list', ...rest] = positionals;
  const json = values.json ?? false;
  const print = (value: unknown, text: () => string) =>
    process.stdout.write((json ? JSON.stringify(value, null, 2) : text()) + '\n');

  switch (sub) {
    case 'list': {
      noExtraArguments(rest, 'history list');
      const runs = (await engine.handlers['history.list']({
        kind: values.kind,
        status: values.status,
        ensemble: values.ensemble,
        dataset: values.dataset,
        limit: intOption(values, 'limit', 'history list') ?? 50,
      })) as RunSummary[];
      print(runs, () => describeList(runs));
      return 0;
    }
    case 'show': {
      const id = runId(rest[0], 'history show');
      if (rest.length !== 1) throw new UsageError('history show: give one run id');
      const run = (await engine.handlers['history.show']({ id })) as RunDetail;
      print(run, () => describeRunDetail(run));
      return 0;
    }
    case 'compare': {
      if (rest.length !== 2) throw new UsageError('history compare: give two run ids');
      const comparison = (await engine.handlers['history.compare']({
        a: runId(rest[0], 'history compare'),
        b: runId(rest[1], 'history compare'),
      })) as RunComparison;
      print(comparison, () => describeComparison(comparison));
      return 0;
    }
    default:
      throw new UsageError(`history: unknown subcommand "${sub}" (list, show, compare)`);
  }
}

function runId(text: string | undefined, command: string): number {
  const id = Number(text);
  if (!text || !Number.isInteger(id) || id < 1)
    throw new UsageError(`${command}: "${text ?? ''}" is not a run id`);
  return id;
}

function describeList(runs: RunSummary[]): string {
  if (runs.length === 0) return 'no runs yet';
  return renderTable(
    ['id', 'kind', 'status', 'started', 'ensemble', 'dataset', 'rows', 'rows/s', 'provider'],
    runs.map((r) => [
      r.id,
      r.kind,
      r.status,
      r.startedAt.replace('T', ' ').slice(0, 19),
      r.ensembleName ?? '–',
      r.datasetPath ?? '–',
      r.rows,
      r.rowsPerSec === null ? null : Math.round(r.rowsPerSec),
      r.providerUsed ?? r.providerRequested ?? '–',
    ]),
  );
}

function describeRunDetail(run: RunDetail): string {
  const lines = [
    `run #${run.id}: ${run.kind}, ${run.status}`,
    `  started ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ''}`,
    `  ensemble ${run.ensembleName ?? '–'}; dataset ${run.datasetPath ?? '–'}`,
    `  rows ${run.rows ?? '–'}; rows/s ${run.rowsPerSec === null ? '–' : Math.round(run.rowsPerSec)}`,
    `  provider ${run.providerUsed ?? run.providerRequested ?? '–'}; threads ${run.threads ?? 'default'}`,
    `  app ${run.appVersion ?? '–'}; ONNX Runtime ${run.onnxruntimeVersion ?? '–'}`,
  ];
  if (run.outputPath)
    lines.push(`  output ${run.outputPath}${run.outputSha256 ? ` (sha256 ${run.outputSha256})` : ''}`);
  if (run.error) lines.push(`  error: ${run.error.message}`);
  for (const w of run.warnings ?? []) lines.push(`  warning: ${w}`);
  if (run.members.length > 0) {
    lines.push(
      '',
      renderTable(
        ['member', 'weight', 'model'],
        run.members.map((m) => [m.name, m.weight, m.modelPath]),
      ),
    );
  }
  if (run.metrics.length > 0) lines.push('', metricTable(run.metrics));
  return lines.join('\n');
}

function describeComparison(c: RunComparison): string {
  const lines = [
    `run #${c.a.id} (${c.a.kind}, ${c.a.status}) vs run #${c.b.id} (${c.b.kind}, ${c.b.status})`,
  ];
  for (const d of c.differences) lines.push(`  ${d.field}: ${JSON.stringify(d.a)} → ${JSON.stringify(d.b)}`);
  if (c.metrics.length > 0) {
    lines.push(
      '',
      renderTable(
        ['scope', 'metric', `#${c.a.id}`, `#${c.b.id}`, 'delta'],
        c.metrics.map((m) => [m.scope, m.name, m.valueA, m.valueB, m.delta]),
      ),
    );
  }
  return lines.join('\n');
}
