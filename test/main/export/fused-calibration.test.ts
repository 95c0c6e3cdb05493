/**
 * The calibration operators of the fused export (main/export/fused-calibration.ts) against the app's
 * own maps (main/calibrate), on the cases real data rarely hits: scores exactly on a map's points,
 * outside its range, a one-point and a two-point map, a multiclass row every map sends to 0. The
 * graph is the calibration glue alone, fed float64 probabilities and run by onnxruntime-node.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { applyCalibration, type Calibration } from '../../../main/calibrate/calibrate-probabilities';
import { argmaxRow } from '../../../main/ensemble/row-math';
import { calibrationOps } from '../../../main/export/fused-calibration';
import { GraphBuilder } from '../../../main/export/graph-builder';
import {
  DataType,
  makeGraph,
  makeModel,
  makeTensorValueInfo,
  serializeModel,
} from '../../../main/model/onnx-proto';

async function runOps(calibration: Calibration, proba: Float64Array) {
  const k = calibration.nClasses;
  const b = new GraphBuilder();
  const out = calibrationOps(b, calibration, 'proba', k);
  b.opTo('Identity', [out.proba], 'calibrated');
  b.opTo('Identity', [out.index], 'index');
  const graph = makeGraph({
    name: 'calibration',
    nodes: b.nodes,
    inputs: [makeTensorValueInfo('proba', DataType.DOUBLE, ['N', k])],
    outputs: [
      makeTensorValueInfo('calibrated', DataType.DOUBLE, ['N', k]),
      makeTensorValueInfo('index', DataType.INT64, ['N']),
    ],
    initializers: b.initializers,
  });
  const bytes = serializeModel(makeModel(graph, { opsets: { '': 13 } }));
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    const result = await session.run({ proba: new ort.Tensor('float64', proba, [proba.length / k, k]) });
    return {
      proba: result.calibrated!.data as Float64Array,
      index: Array.from(result.index!.data as BigInt64Array, Number),
    };
  } finally {
    await session.release();
  }
}

/** Binary rows [1 − f, f] for the given P(second class). */
const binaryRows = (f: number[]) => Float64Array.from(f.flatMap((p) => [1 - p, p]));

async function expectSameAsApp(calibration: Calibration, proba: Float64Array, tolerance = 0) {
  const k = calibration.nClasses;
  const app = applyCalibration(calibration, proba);
  const fused = await runOps(calibration, proba);
  for (let i = 0; i < app.length; i++) {
    expect(
      Math.abs(fused.proba[i]! - app[i]!),
      `value ${i}: fused ${fused.proba[i]} app ${app[i]}`,
    ).toBeLessThanOrEqual(tolerance);
  }
  const appIndex = Array.from({ length: app.length / k }, (_, r) => argmaxRow(app, r * k, k));
  expect(fused.index).toEqual(appIndex);
  return { app, fused };
}

describe('fused isotonic maps equal np.interp as the app computes it', () => {
  const map = { method: 'isotonic' as const, x: [0.1, 0.25, 0.5, 0.8], y: [0, 0.2, 0.2, 0.9] };
  const calibration: Calibration = { method: 'isotonic', nClasses: 2, maps: [map] };

  it('on the points, between them and outside the range (clipped)', async () => {
    const f = [0, 0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.6, 0.8, 0.95, 1, 0.1000000001, 0.7999999999];
    const { app } = await expectSameAsApp(calibration, binaryRows(f));
    // Exact hits give the point's y; beyond the ends, the end values.
    expect(app[2 * 2 + 1]).toBe(0);
    expect(app[4 * 2 + 1]).toBe(0.2);
    expect(app[8 * 2 + 1]).toBe(0.9);
    expect(app[10 * 2 + 1]).toBe(0.9);
  });

  it('a map of one point is a constant; a map of two points is one segment', async () => {
    const f = [0, 0.3, 0.5, 1];
    await expectSameAsApp(
      { method: 'isotonic', nClasses: 2, maps: [{ method: 'isotonic', x: [0.3], y: [0.7] }] },
      binaryRows(f),
    );
    await expectSameAsApp(
      { method: 'isotonic', nClasses: 2, maps: [{ method: 'isotonic', x: [0.2, 0.6], y: [0.1, 0.5] }] },
      binaryRows([0, 0.2, 0.4, 0.6, 0.9]),
    );
  });

  it('multiclass: per-class maps, rows renormalised, the uniform row where every map gives 0', async () => {
    const maps = [
      { method: 'isotonic' as const, x: [0.2, 0.6], y: [0, 1] },
      { method: 'isotonic' as const, x: [0.3, 0.5], y: [0, 0.8] },
      { method: 'isotonic' as const, x: [0.1, 0.9], y: [0, 0.6] },
    ];
    const proba = Float64Array.from([0.1, 0.2, 0.1, 0.5, 0.4, 0.1, 0.2, 0.3, 0.5, 0.6, 0.3, 0.1]);
    const { app } = await expectSameAsApp({ method: 'isotonic', nClasses: 3, maps }, proba, 1e-15);
    expect(Array.from(app.subarray(0, 3))).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
});

describe('fused sigmoid maps equal Platt scaling as the app computes it', () => {
  it('binary and multiclass', async () => {
    const f = [0, 0.01, 0.3, 0.5, 0.77, 0.99, 1];
    await expectSameAsApp(
      { method: 'sigmoid', nClasses: 2, maps: [{ method: 'sigmoid', a: -7.5, b: 3.25 }] },
      binaryRows(f),
      1e-15,
    );
    const maps = [
      { method: 'sigmoid' as const, a: -4, b: 2 },
      { method: 'sigmoid' as const, a: -6, b: 3.5 },
      { method: 'sigmoid' as const, a: -2, b: 0.5 },
    ];
    await expectSameAsApp(
      { method: 'sigmoid', nClasses: 3, maps },
      Float64Array.from([0.2, 0.3, 0.5, 0.9, 0.05, 0.05, 1 / 3, 1 / 3, 1 / 3]),
      1e-15,
    );
  });
});
