/** A real engine (real history file, real host processes) in a temp folder, for integration tests. */
import { join } from 'node:path';
import { createEngine, type Engine } from '../../main/engine/create-engine';
import { parseCallInput, type CallInput, type JobFinished } from '../../contract/contract';
import { makeTempDir } from './temp-dir';

export interface TestEngine {
  engine: Engine;
  dir: string;
  close(): Promise<void>;
}

export async function startTestEngine(): Promise<TestEngine> {
  const tmp = makeTempDir('es-engine-');
  const engine = await createEngine({ historyPath: join(tmp.dir, 'history.sqlite') });
  return {
    engine,
    dir: tmp.dir,
    async close() {
      await engine.close();
      tmp.cleanup();
    },
  };
}

type JobCall = 'jobs.score' | 'jobs.evaluate' | 'jobs.optimize';

/** Starts a job through the contract (input parsed as an adapter would) and waits for its end. */
export async function runJob<K extends JobCall>(
  engine: Engine,
  call: K,
  input: CallInput<K>,
): Promise<JobFinished> {
  const parsed = parseCallInput(call, input);
  const started = await (engine.handlers[call] as (i: typeof parsed) => Promise<{ jobId: string }>)(parsed);
  return engine.waitForJob(started.jobId);
}
