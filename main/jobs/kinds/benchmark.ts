/**
 * `benchmark` (`providers --benchmark`): the ensemble on a sample of a data file per provider and
 * thread count, and the fastest; optionally ONNX Runtime's optimised graph of each member saved.
 */
import { dirname, join, resolve } from 'node:path';
import { BenchmarkRequestSchema, type BenchmarkRequest, type Provider } from '../../../contract/contract';
import { StudioError } from '../../../contract/errors';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import { listProviders } from '../../runtime/providers';
import { renderTable } from './text-table';
import type { HostRequestBase, JobKindModule, NamedWrite } from './kind';
import { formatCount } from '../../text/format-count';

export interface BenchmarkJobRequest extends HostRequestBase<'benchmark'> {
  sampleRows: number;
  benchmarkProviders?: Provider[];
  benchmarkThreads?: number[];
  /** Absolute. */
  saveOptimizedDir?: string;
}

export const benchmarkKind: JobKindModule<'benchmark', BenchmarkJobRequest> = {
  kind: 'benchmark',
  schema: BenchmarkRequestSchema,
  pathFields: (request) => [
    { field: 'input', path: request.input, mode: 'read' },
    { field: 'saveOptimizedDir', path: request.saveOptimizedDir, mode: 'write', folder: true },
  ],
  dataFile: (request) => ({ path: request.input, role: 'the input data file' }),
  writes: (request, spec) => ({ direct: optimizedModelWrites(request, spec) }),
  hostRequest: (request, base) => ({
    ...base,
    sampleRows: request.sampleRows,
    benchmarkProviders: request.providers,
    benchmarkThreads: request.threads,
    saveOptimizedDir: request.saveOptimizedDir ? resolve(request.saveOptimizedDir) : undefined,
  }),
  run: async (request, ctx) => (await import('../benchmark-job')).runBenchmarkJob(request, ctx),
  cli: {
    verb: 'Benchmarked',
    // Each entry's warning is in the table's note column.
    warningsOnStderr: false,
    text(result, request) {
      const lines = [
        `Benchmarked on ${formatCount(result.rows)} rows of ${request.input}`,
        '',
        renderTable(
          ['provider', 'threads', 'ran on', 'rows/s', 'load (s)', 'note'],
          result.entries.map((e) => [
            e.provider,
            e.threads,
            e.providerUsed,
            e.rowsPerSec === null ? null : Math.round(e.rowsPerSec),
            e.loadSeconds,
            e.warning ??
              (result.best?.provider === e.provider && result.best.threads === e.threads ? 'fastest' : ''),
          ]),
        ),
      ];
      if (result.best)
        lines.push('', `fastest: --provider ${result.best.provider} --threads ${result.best.threads}`);
      for (const m of result.optimizedModels) {
        lines.push(`optimised graph (specific to this machine): ${m.path}`);
      }
      return lines.join('\n');
    },
  },
};

/** `--save-optimized DIR`: one file per member and provider, named as benchmark-job names them. */
function optimizedModelWrites(request: BenchmarkRequest, spec: EnsembleSpec): NamedWrite[] {
  if (!request.saveOptimizedDir) return [];
  const dir = resolve(request.saveOptimizedDir);
  const providers =
    request.providers ??
    listProviders()
      .filter((p) => p.bundled)
      .map((p) => p.name);
  return spec.members.flatMap((member) =>
    providers.map((provider) => {
      const file = join(dir, `${member.name}.${provider}.optimized.onnx`);
      if (dirname(file) !== dir) {
        throw new StudioError(
          'bad_input',
          `member "${member.name}": its name cannot be used as a file name in ${request.saveOptimizedDir}: rename the member (letters, digits, "-", "_", ".")`,
          { member: member.name, field: 'saveOptimizedDir' },
        );
      }
      return { given: file, role: 'optimised model' };
    }),
  );
}
