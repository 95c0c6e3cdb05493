/**
 * `whatif.preview` in the engine on a synthetic stored run (100k rows × 4 members, binary): the
 * scores file round-trips, repeated calls on one run are served from the kept scores (timed
 * informally, no assertion on speed), soft_vote with new weights equals the weighted mean computed
 * here, and runs without scores or impossible changes get plain messages.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleSpec } from '../../../contract/ensemble-spec';
import { createEngine, type Engine } from '../../../main/engine/create-engine';
import { evaluateEnsemble } from '../../../main/evaluate/evaluate-result';
import {
  readScoreStore,
  storedScoresPath,
  writeScoreStore,
  type ScoreStore,
} from '../../../main/whatif/score-store';
import { evaluateStored } from '../../../main/whatif/recombine';
import { makeTempDir } from '../../support/temp-dir';

const ROWS = 100_000;
const NAMES = ['a', 'b', 'c', 'd'];
const RUN = 7;

/** A small deterministic generator, so the data is the same on every machine. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function syntheticStore(
  unknownLabels = 0,
  combiner: EnsembleSpec['combiner'] = { method: 'soft_vote' },
): ScoreStore {
  const next = random(42);
  const labels = Float64Array.from({ length: ROWS }, () => (next() < 0.4 ? 1 : 0));
  const members = NAMES.map((_, m) => {
    const scores = new Float64Array(ROWS * 2);
    for (let r = 0; r < ROWS; r++) {
      const p = Math.min(
        0.999,
        Math.max(0.001, 0.5 + (labels[r]! - 0.5) * (0.2 + 0.1 * m) + (next() - 0.5) * 0.6),
      );
      scores[r * 2] = 1 - p;
      scores[r * 2 + 1] = p;
    }
    return scores;
  });
  const spec = {
    format: 'ensemble-studio/ensemble@1',
    name: 'synthetic',
    task: 'classification',
    classes: ['0', '1'],
    members: NAMES.map((name) => ({ name, model: `${name}.onnx`, weight: 1, inputs: {} })),
    combiner,
  } as unknown as EnsembleSpec;
  return {
    header: {
      format: 'ensemble-studio/scores@1',
      task: 'classification',
      classes: ['0', '1'],
      members: NAMES,
      rows: ROWS,
      width: 2,
      unknownLabels,
      spec,
      baseDir: '/nowhere',
    },
    labels,
    members,
  };
}

let tmp: ReturnType<typeof makeTempDir>;
let engine: Engine;
let store: ScoreStore;
beforeAll(async () => {
  tmp = makeTempDir('es-whatif-preview-');
  const history = join(tmp.dir, 'history.sqlite');
  store = syntheticStore();
  await writeScoreStore(storedScoresPath(history, RUN), store);
  await writeScoreStore(storedScoresPath(history, RUN + 1), syntheticStore(3, { method: 'rank_mean' }));
  engine = await createEngine({ historyPath: history });
});
afterAll(async () => {
  await engine.close();
  tmp.cleanup();
});

describe('whatif.preview', () => {
  it('reads back exactly what was stored', () => {
    const read = readScoreStore(storedScoresPath(engine.historyPath, RUN))!;
    expect(read.header).toEqual(store.header);
    // Compared as bytes: element-wise equality of 800k doubles is slow in expect().
    const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(bytes(read.labels).equals(bytes(store.labels))).toBe(true);
    read.members.forEach((m, i) => expect(bytes(m).equals(bytes(store.members[i]!))).toBe(true));
  });

  it('recombines soft_vote with new weights as their weighted mean', async () => {
    const first = performance.now();
    await engine.handlers['whatif.preview']({ runId: RUN, drop: [] });
    const loaded = performance.now();
    const times: string[] = [];
    for (const weight of [3, 0.25, 1.5]) {
      const start = performance.now();
      await engine.handlers['whatif.preview']({ runId: RUN, drop: [], weights: { d: weight } });
      times.push((performance.now() - start).toFixed(0));
    }
    const result = await engine.handlers['whatif.preview']({
      runId: RUN,
      drop: ['b'],
      weights: { a: 2, c: 0.5 },
    });
    console.log(
      `whatif.preview, ${ROWS} rows × ${NAMES.length} members: first call ${(loaded - first).toFixed(0)} ms, then ${times.join(', ')} ms`,
    );
    expect(result.members.map((m) => [m.name, m.weight, m.dropped])).toEqual([
      ['a', 2, false],
      ['b', 0, true],
      ['c', 0.5, false],
      ['d', 1, false],
    ]);
    const weights = [2, 0, 0.5, 1];
    const ensemble = new Float64Array(ROWS * 2);
    for (let j = 0; j < ROWS * 2; j++) {
      let sum = 0;
      weights.forEach((w, m) => (sum += w * store.members[m]![j]!));
      ensemble[j] = sum / 3.5;
    }
    const expected = evaluateEnsemble({
      task: 'classification',
      classes: ['0', '1'],
      labels: Int32Array.from(store.labels),
      members: NAMES.map((name, i) => ({ name, scores: store.members[i]! })),
      ensemble,
    });
    for (const [name, value] of Object.entries(expected.metrics.ensemble)) {
      const got = result.after.metrics.ensemble[name];
      if (value === null) expect(got).toBeNull();
      else expect(Math.abs(got! - value), name).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(value)));
    }
    // Only the ensemble is evaluated again; the members' parts come from the run's own evaluation.
    const full = evaluateStored(store, result.spec);
    expect(JSON.stringify(result.after)).toBe(JSON.stringify(full));
    expect(result.before.metrics).toEqual(
      (await engine.handlers['whatif.preview']({ runId: RUN, drop: [] })).after.metrics,
    );
  });

  it('says plainly when a run kept no member scores', async () => {
    await expect(engine.handlers['whatif.preview']({ runId: 99, drop: [] })).rejects.toThrow(
      'run #99 kept no member scores: re-run evaluate',
    );
  });

  it('refuses to drop every member, and rank_mean when rows were left out', async () => {
    await expect(engine.handlers['whatif.preview']({ runId: RUN, drop: NAMES })).rejects.toThrow(
      'every member would be dropped',
    );
    await expect(engine.handlers['whatif.preview']({ runId: RUN + 1, drop: ['a'] })).rejects.toThrow(
      'rank_mean ranks every row of the file',
    );
  });
});
