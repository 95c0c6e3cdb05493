/**
 * How a precision variant compares with its original on the analyst's own data:
 * file size, rows/s, the largest difference of the compared output and prediction agreement, plus
 * the accuracy change when labels are given. The precision job supplies the feed batches (built from
 * the data file as for scoring) and records the report in the history.
 */
import type * as ort from 'onnxruntime-node';
import { StudioError } from '../../contract/errors';
import { createSession, type SessionOptions } from '../runtime/create-session';
import type { PrecisionReport } from '../../contract/precision-types';

export type Feeds = Record<string, ort.Tensor>;

export interface PrecisionReportOptions {
  /** Output to compare; default `probabilities`, else `prediction`, else the first output. */
  output?: string;
  /**
   * `probabilities`: rows of class scores (agreement = same argmax; one column = P(second class),
   * agreement = same side of 0.5). `value`: regression, no agreement. Default from the output's width.
   */
  kind?: 'probabilities' | 'value';
  /** True class index per row, in batch order: adds accuracy before and after. */
  labels?: ArrayLike<number>;
  threads?: number;
  /** Timed passes over all batches, after one untimed warm-up pass. Default 3. */
  repeats?: number;
}

export type { PrecisionReport } from '../../contract/precision-types';

export async function precisionReport(
  originalBytes: Uint8Array,
  variantBytes: Uint8Array,
  batches: readonly Feeds[],
  options: PrecisionReportOptions = {},
): Promise<PrecisionReport> {
  // Both on CPU with the same options as scoring, so the comparison measures the variant alone.
  const session: SessionOptions = { provider: 'cpu', threads: options.threads };
  const original = (await createSession(originalBytes, session, { file: 'the original model' })).session;
  let variant: ort.InferenceSession;
  try {
    variant = (await createSession(variantBytes, session, { file: 'the variant' })).session;
  } catch (error) {
    await original.release();
    throw error;
  }
  try {
    const output = pickOutput(original, variant, options.output);
    const a = await runAll(original, batches, output);
    const b = await runAll(variant, batches, output);
    const rows = a.rows;
    const width = rows === 0 ? 1 : a.values.length / rows;
    const kind = options.kind ?? (width > 1 ? 'probabilities' : 'value');
    const predictA = kind === 'probabilities' ? predictions(a.values, rows, width) : null;
    const predictB = kind === 'probabilities' ? predictions(b.values, rows, width) : null;
    const repeats = options.repeats ?? 3;
    // Alternate the two models so a busy moment on a shared machine hurts both alike.
    let timeA = 0;
    let timeB = 0;
    for (let i = 0; i < repeats; i++) {
      timeA += await timeAll(original, batches, output);
      timeB += await timeAll(variant, batches, output);
    }
    return {
      output,
      rows,
      original: { sizeBytes: originalBytes.length, rowsPerSec: (rows * repeats) / timeA },
      variant: { sizeBytes: variantBytes.length, rowsPerSec: (rows * repeats) / timeB },
      sizeRatio: variantBytes.length / originalBytes.length,
      maxAbsDiff: maxAbsDiff(a.values, b.values),
      agreement: predictA && predictB ? share(predictA, (p, r) => p === predictB[r]) : null,
      accuracy:
        options.labels && predictA && predictB ? accuracyChange(predictA, predictB, options.labels) : null,
    };
  } finally {
    await original.release();
    await variant.release();
  }
}

function pickOutput(a: ort.InferenceSession, b: ort.InferenceSession, wanted: string | undefined): string {
  const names = a.outputNames.filter((n) => b.outputNames.includes(n));
  const output = wanted ?? ['probabilities', 'prediction'].find((n) => names.includes(n)) ?? names[0];
  if (output === undefined || !names.includes(output)) {
    throw new StudioError(
      'model',
      `precision report: output '${output ?? ''}' is not in both models (${names.join(', ')})`,
    );
  }
  return output;
}

async function runAll(session: ort.InferenceSession, batches: readonly Feeds[], output: string) {
  const parts: Float64Array[] = [];
  let rows = 0;
  for (const feeds of batches) {
    const tensor = (await session.run(feeds, [output]))[output] as ort.Tensor;
    parts.push(Float64Array.from(tensor.data as ArrayLike<number>));
    rows += tensor.dims[0] ?? 0;
  }
  const values = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    values.set(part, offset);
    offset += part.length;
  }
  return { values, rows };
}

async function timeAll(
  session: ort.InferenceSession,
  batches: readonly Feeds[],
  output: string,
): Promise<number> {
  const start = performance.now();
  for (const feeds of batches) await session.run(feeds, [output]);
  return (performance.now() - start) / 1000;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

/** Argmax per row (ties to the first), or P(second class) > 0.5 for one column. */
function predictions(values: Float64Array, rows: number, width: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    if (width === 1) {
      out[r] = (values[r] as number) > 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let k = 1; k < width; k++)
      if ((values[r * width + k] as number) > (values[r * width + best] as number)) best = k;
    out[r] = best;
  }
  return out;
}

function share(values: Int32Array, test: (value: number, row: number) => boolean): number {
  if (values.length === 0) return 1;
  let hits = 0;
  values.forEach((v, r) => {
    if (test(v, r)) hits++;
  });
  return hits / values.length;
}

function accuracyChange(a: Int32Array, b: Int32Array, labels: ArrayLike<number>) {
  if (labels.length !== a.length) {
    throw new StudioError('bad_input', `precision report: ${labels.length} labels for ${a.length} rows`);
  }
  const original = share(a, (p, r) => p === labels[r]);
  const variant = share(b, (p, r) => p === labels[r]);
  return { original, variant, change: variant - original };
}
