/**
 * One candidate: a representation on one provider with one intra-op thread count. Its sessions
 * are opened (load time), the sample is run once untimed (its outputs are what is compared with
 * the reference) and then three timed passes; rows/s is the rows a pass scored over the median
 * pass's time.
 */
import type * as ort from 'onnxruntime-node';
import type { DataChunk, DatasetInfo } from '../../contract/data-types';
import type { Provider } from '../../contract/contract';
import { StudioError } from '../../contract/errors';
import { combineChunk } from '../jobs/combine-chunk';
import type { LoadedModels } from '../jobs/load-members';
import { openSessions, releaseSessions } from '../jobs/load-members';
import { scoreChunks } from '../jobs/score-chunks';
import type { ResolvedEnsemble } from '../ensemble/plan';
import { scoreFusedChunk } from '../export/check-fused';
import type { FusedInput } from '../export/fused-inputs';
import { createSession } from '../runtime/create-session';
import type { Outputs } from './outputs';
import type { Representation } from './representations';
import { labelText, sampleReader } from './sample';

export const TIMED_PASSES = 3;
/** A timed pass repeats a small sample until it lasts about this long. */
export const MIN_PASS_SECONDS = 0.05;
const MAX_REPEATS = 200;

export interface Timing {
  /** The provider that ran (cpu when the one asked for fell back). */
  providerUsed: Provider;
  warning: string | null;
  loadSeconds: number;
  rowsPerSec: number;
  outputs: Outputs;
}

export interface MeasureInput {
  resolved: ResolvedEnsemble;
  models: LoadedModels;
  /** How to feed the fused variants. */
  fusedInputs: readonly FusedInput[] | null;
  chunks: readonly DataChunk[];
  rows: number;
  dataset: DatasetInfo;
  signal: AbortSignal;
}

/** One pass over the sample; returns its outputs. */
type Pass = () => Promise<Outputs>;

export async function measureCandidate(
  representation: Exclude<Representation, { error: string }>,
  provider: Provider,
  threads: number,
  input: MeasureInput,
): Promise<Timing> {
  const started = performance.now();
  const opened =
    representation.name === 'members'
      ? await openMembers(input, provider, threads)
      : await openFused(representation.bytes, input, provider, threads);
  try {
    const loadSeconds = (performance.now() - started) / 1000;
    const warmStart = performance.now();
    const outputs = await opened.pass();
    // A small sample passes in a millisecond, where a timer tick or another process decides the
    // rate: each timed pass runs the sample as often as it takes to last about MIN_PASS_SECONDS.
    const once = (performance.now() - warmStart) / 1000;
    const repeats = Math.min(MAX_REPEATS, Math.max(1, Math.ceil(MIN_PASS_SECONDS / Math.max(once, 1e-6))));
    const passes: number[] = [];
    for (let i = 0; i < TIMED_PASSES; i++) {
      const t = performance.now();
      for (let r = 0; r < repeats; r++) {
        if (input.signal.aborted) throw new StudioError('cancelled', 'cancelled');
        await opened.pass();
      }
      passes.push((performance.now() - t) / 1000);
    }
    const median = passes.sort((a, b) => a - b)[Math.floor(passes.length / 2)]!;
    return {
      providerUsed: opened.providerUsed,
      warning: opened.warning,
      loadSeconds,
      rowsPerSec: median > 0 ? (input.rows * repeats) / median : Infinity,
      outputs,
    };
  } finally {
    await opened.close();
  }
}

interface Opened {
  pass: Pass;
  providerUsed: Provider;
  warning: string | null;
  close(): Promise<void>;
}

/** The members as the app scores them: a session per member, normalised, combined in JS. */
async function openMembers(input: MeasureInput, provider: Provider, threads: number): Promise<Opened> {
  const { resolved } = input;
  const loaded = await openSessions(input.models, { provider, threads });
  const reader = sampleReader(input.chunks, input.dataset);
  const pass: Pass = async () => {
    const values: Float64Array[] = [];
    const labels: string[] = [];
    for await (const scored of scoreChunks({
      resolved,
      members: loaded.members,
      reader,
      columns: new Map(),
      chunkRows: 0,
      signal: input.signal,
    })) {
      const combined = combineChunk(resolved, scored.memberScores, scored.chunk.rowCount);
      if ('values' in combined) values.push(combined.values);
      else {
        values.push(combined.proba);
        labels.push(...labelText(combined.prediction, resolved.classes));
      }
    }
    return { values: joined(values), labels: resolved.task === 'classification' ? labels : null };
  };
  return {
    pass,
    providerUsed: loaded.providerUsed,
    warning: loaded.warnings[0] ?? null,
    close: () => releaseSessions(loaded.members),
  };
}

async function openFused(
  bytes: Uint8Array,
  input: MeasureInput,
  provider: Provider,
  threads: number,
): Promise<Opened> {
  const inputs = input.fusedInputs;
  if (!inputs) throw new StudioError('internal', 'migration: a fused variant without the fused inputs');
  const opened = await createSession(bytes, { provider, threads }, { file: 'the fused model' });
  const session: ort.InferenceSession = opened.session;
  const pass: Pass = async () => {
    const values: Float32Array[] = [];
    const labels: string[] = [];
    let regression = false;
    for (const chunk of input.chunks) {
      if (input.signal.aborted) throw new StudioError('cancelled', 'cancelled');
      const out = await scoreFusedChunk(session, inputs, chunk);
      values.push(out.values);
      if (out.labels) labels.push(...out.labels);
      else regression = true;
    }
    return { values: joined(values), labels: regression ? null : labels };
  };
  return {
    pass,
    providerUsed: opened.provider,
    warning: opened.warning,
    close: () => opened.session.release(),
  };
}

function joined(parts: readonly (Float64Array | Float32Array)[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
