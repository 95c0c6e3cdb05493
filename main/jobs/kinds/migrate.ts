/**
 * `migrate`: every representation × provider × thread count on the analyst's file, the fastest
 * within the budgets written with its migration.json (docs/MIGRATION.md).
 */
import { resolve } from 'node:path';
import { MigrateRequestSchema, type Provider } from '../../../contract/contract';
import { percent } from '../../migrate/recommend';
import { renderTable } from './text-table';
import { doneHeadline } from './run-text';
import type { HostRequestBase, JobKindModule } from './kind';
import { formatCount } from '../../text/format-count';

export interface MigrateJobRequest extends HostRequestBase<'migrate'> {
  label?: string;
  budgetAgreement: number;
  budgetMetric: number;
  /** Absolute: the folder the artifact goes into. */
  outputDir: string;
  migrateProviders?: Provider[];
  migrateThreads?: number[];
  sampleRows: number;
}

export const migrateKind: JobKindModule<'migrate', MigrateJobRequest> = {
  kind: 'migrate',
  schema: MigrateRequestSchema,
  pathFields: (request) => [
    { field: 'input', path: request.input, mode: 'read' },
    { field: 'output', path: request.output, mode: 'write', folder: true },
  ],
  dataFile: (request) => ({ path: request.input, role: 'the input data file' }),
  // The host builds the folder aside and renames it into place; the guard checks it holds nothing
  // the run reads or owns, and the run records it so a crash's staged folder is cleaned up.
  writes: (request) => ({ direct: [{ given: request.output, role: 'migration folder', folder: true }] }),
  hostRequest: (request, base) => ({
    ...base,
    label: request.label,
    budgetAgreement: request.budgetAgreement,
    budgetMetric: request.budgetMetric,
    outputDir: resolve(request.output),
    migrateProviders: request.providers,
    migrateThreads: request.threads,
    sampleRows: request.sampleRows,
  }),
  run: async (request, ctx) => (await import('../migrate-job')).runMigrateJob(request, ctx),
  cli: {
    verb: 'Migrated',
    // Each candidate's warning is in the table's note column.
    warningsOnStderr: false,
    text(r) {
      const lines = [
        doneHeadline(`Measured ${r.candidates.length} combinations on ${formatCount(r.rows)} rows`, r),
        '',
        renderTable(
          [
            'representation',
            'provider',
            'threads',
            'bytes',
            'load (s)',
            'rows/s',
            'max diff',
            'agreement',
            'metric Δ',
            'note',
          ],
          r.candidates.map((c) => [
            c.representation,
            c.provider,
            c.threads,
            c.sizeBytes,
            c.loadSeconds === null ? null : c.loadSeconds.toFixed(3),
            c.rowsPerSec === null ? null : Math.round(c.rowsPerSec),
            c.maxDiff === null ? null : c.maxDiff.toExponential(2),
            c.agreement === null ? null : percent(c.agreement),
            c.metricChange === null
              ? null
              : `${c.metricChange >= 0 ? '+' : ''}${c.metricChange.toExponential(2)}`,
            isChosen(r.recommendation, c) ? 'recommended' : (c.warning ?? ''),
          ]),
        ),
      ];
      for (const a of r.absentProviders) lines.push(`absent: ${a.provider}: ${a.reason}`);
      lines.push('');
      if (r.recommendation) lines.push(`recommended: ${r.recommendation.reason}`);
      else lines.push(...r.warnings);
      lines.push(
        `written to ${r.outputDir}: ${r.written.map((w) => w.slice(r.outputDir.length + 1)).join(', ')}`,
      );
      return lines.join('\n');
    },
  },
};

function isChosen(
  chosen: { representation: string; provider: string; threads: number } | null,
  c: { representation: string; provider: string; threads: number },
): boolean {
  return (
    chosen !== null &&
    chosen.representation === c.representation &&
    chosen.provider === c.provider &&
    chosen.threads === c.threads
  );
}
