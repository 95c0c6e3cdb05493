/**
 * The shape every job command shares: its options parsed by the contract (a schema failure is a
 * usage error), the job run with progress and Ctrl-C, the outcome printed and turned into an
 * exit code.
 */
import type { Engine } from '../../engine/create-engine';
import { parseCallInput, type JobStarted, type ParsedInput } from '../../../preload/contract';
import { toRequest } from '../parse-args';
import { runJobCommand } from '../run-job-command';
import { finishJobCommand } from './finish-job';

type JobCall = 'jobs.score' | 'jobs.evaluate' | 'jobs.optimize' | 'jobs.export' | 'jobs.precision';

export async function runJobCall<K extends JobCall>(
  engine: Engine,
  name: K,
  /** Raw option values: the contract's schema checks them (enums, numbers, required fields). */
  input: () => Record<string, unknown>,
  verb: string,
  json: boolean,
): Promise<number> {
  const request = toRequest(() => parseCallInput(name, input()));
  const handler = engine.handlers[name] as (parsed: ParsedInput<K>) => Promise<JobStarted>;
  const finished = await runJobCommand(engine, () => handler(request), json);
  return finishJobCommand(finished, verb, json);
}
