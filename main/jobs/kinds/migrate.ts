/**
 * `migrate`: every representation × provider × thread count on the analyst's file, the fastest
 * within the budgets written with its migration.json (docs/MIGRATION.md).
 */
import { resolve } from 'node:path';
import { MigrateRequestSchema, type Provider } from '../../../contract/contract';
import type { HostRequestBase, JobKindModule } from './kind';

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
  writes: () => ({}),
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
  run: async () => {
    throw new Error('migrate: being built');
  },
  cli: {
    verb: 'Migrated',
    warningsOnStderr: true,
    text: (result) => `${result.candidates.length} combinations measured`,
  },
};
