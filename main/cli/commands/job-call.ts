/**
 * The shape every job command shares: its options parsed by the contract (a schema failure is a
 * usage error), the job run with progress and Ctrl-C, the outcome printed and turned into an
 * exit code.
 */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput, type JobKind } from '../../../contract/contract';
import { toRequest } from '../parse-args';
import { runJobCommand } from '../run-job-command';
import { finishJobCommand } from './finish-job';

export async function runJobCall<K extends JobKind>(
  engine: Engine,
  kind: K,
  /** Raw option values: the contract's schema checks them (enums, numbers, required fields). */
  input: () => Record<string, unknown>,
  json: boolean,
): Promise<number> {
  const request = toRequest(() => parseCallInput(`jobs.${kind}`, input()));
  const finished = await runJobCommand(engine, () => engine.startJob({ kind, request }), json);
  return finishJobCommand(kind, finished, request, json);
}
