/**
 * What the migration tests share: a sample of the demo data on disk, the demo spec, and the plain
 * onnxruntime-node run of a fused artifact (no app code between the file and ONNX Runtime).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { DEMO } from '../../support/demo-data';

export const DEMO_SPEC = join(DEMO, 'demo.ensemble.json');

/** The first `rows` rows of the demo data set (numeric columns and the `diagnosis` label). */
export function writeDemoSample(path: string, rows: number): void {
  const lines = readFileSync(join(DEMO, 'breast_cancer.csv'), 'utf8').trim().split(/\r?\n/);
  writeFileSync(path, lines.slice(0, rows + 1).join('\n') + '\n');
}

/** A CSV of numbers and plain text (no quoting), column by column. */
export function readCsvColumns(path: string): Map<string, string[]> {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const columns = new Map<string, string[]>(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) line.split(',').forEach((v, i) => columns.get(header[i]!)!.push(v));
  return columns;
}

/**
 * A fused model file run by plain onnxruntime-node: one float32 `[N, 1]` input per column, with
 * the intra-op thread count the migration names (ONNX Runtime's sums differ near 1e-7 between
 * thread counts).
 */
export async function runFusedFile(
  file: string,
  columns: Map<string, string[]>,
  threads: number,
): Promise<{ probabilities: Float32Array; labels: string[] }> {
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: threads });
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of session.inputNames) {
      const values = columns.get(name);
      if (!values) throw new Error(`the data has no column for input ${name}`);
      feeds[name] = new ort.Tensor('float32', Float32Array.from(values, Number), [values.length, 1]);
    }
    const out = await session.run(feeds);
    return {
      probabilities: out.probabilities!.data as Float32Array,
      labels: Array.from(out.label!.data as ArrayLike<unknown>, String),
    };
  } finally {
    await session.release();
  }
}

/** Share of equal labels and the largest probability difference between two scorings. */
export function agreementOf(
  a: { probabilities: ArrayLike<number>; labels: readonly string[] },
  b: { probabilities: ArrayLike<number>; labels: readonly string[] },
): { agreement: number; maxDiff: number } {
  let same = 0;
  a.labels.forEach((l, i) => (same += l === b.labels[i] ? 1 : 0));
  let maxDiff = 0;
  for (let i = 0; i < a.probabilities.length; i++)
    maxDiff = Math.max(maxDiff, Math.abs(a.probabilities[i]! - b.probabilities[i]!));
  return { agreement: same / a.labels.length, maxDiff };
}
