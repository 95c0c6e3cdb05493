/**
 * `monitor`: drift of a current data file from a reference one. With --fail-on-drift the exit
 * code is 3 when any feature or prediction is major, so a scheduled script can stop on it.
 */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput } from '../../../contract/contract';
import { intOption, noExtraArguments, parseCommand, requireOption, toRequest } from '../parse-args';
import { runJobCommand } from '../run-job-command';
import { UsageError } from '../usage-error';
import { finishJobCommand } from './finish-job';

/** A finished monitor run with a major drift, under --fail-on-drift. */
export const EXIT_DRIFT = 3;

export async function monitorCommand(engine: Engine, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      ensemble: { type: 'string' },
      reference: { type: 'string' },
      current: { type: 'string' },
      label: { type: 'string' },
      'psi-moderate': { type: 'string' },
      'psi-major': { type: 'string' },
      'fail-on-drift': { type: 'boolean' },
      report: { type: 'string' },
      overwrite: { type: 'boolean' },
      provider: { type: 'string' },
      threads: { type: 'string' },
      'chunk-rows': { type: 'string' },
    },
    'monitor',
  );
  noExtraArguments(positionals, 'monitor');
  const psiModerate = thresholdOption(values['psi-moderate'], 'psi-moderate', 0.1);
  const psiMajor = thresholdOption(values['psi-major'], 'psi-major', 0.25);
  if (psiMajor < psiModerate) {
    throw new UsageError(
      `monitor: --psi-major (${psiMajor}) must not be below --psi-moderate (${psiModerate})`,
    );
  }
  const json = values.json ?? false;
  const request = toRequest(() =>
    parseCallInput('jobs.monitor', {
      ensemble: { specPath: requireOption(values, 'ensemble', 'monitor') },
      reference: requireOption(values, 'reference', 'monitor'),
      current: requireOption(values, 'current', 'monitor'),
      label: values.label,
      psiModerate,
      psiMajor,
      provider: values.provider ?? 'cpu',
      threads: intOption(values, 'threads', 'monitor'),
      chunkRows: intOption(values, 'chunk-rows', 'monitor'),
      report: values.report,
      overwrite: values.overwrite ?? false,
    }),
  );
  const finished = await runJobCommand(engine, () => engine.startJob({ kind: 'monitor', request }), json);
  const code = finishJobCommand('monitor', finished, request, json);
  const result = finished.result;
  if (
    code === 0 &&
    values['fail-on-drift'] &&
    result?.kind === 'monitor' &&
    result.severityCounts.major > 0
  ) {
    if (!json) process.stderr.write(`drift: ${result.severityCounts.major} major (exit ${EXIT_DRIFT})\n`);
    return EXIT_DRIFT;
  }
  return code;
}

function thresholdOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`monitor: --${name} needs a number ≥ 0, got "${value}"`);
  }
  return n;
}
