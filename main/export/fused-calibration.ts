/**
 * The spec's calibration as ONNX operators after the combiner, mirroring
 * main/calibrate/calibrate-probabilities.ts on the combined float64 probabilities:
 * - sigmoid: p = 1 / (1 + exp(a·f + b)), the same operations as applyPlatt;
 * - isotonic: np.interp over the map's points, clipped to its ends. The score is clipped to
 *   [x₀, x_last], its segment j is the number of points x₁..x_last at or below it, and
 *   p = y_j + slope_j · (f − x_j), with slope_last = 0 so the right end gives y_last exactly and
 *   a point hit exactly gives its y (as np.interp). The map's x are strictly increasing (the
 *   spec schema refuses repeats), so every segment has a width.
 * Binary: the map is applied to P(second class) and P(first) = 1 − that. Multiclass: one map per
 * class, then each row divided by its sum, the uniform 1/K where the sum is 0.
 */
import type { Calibration, CalibrationMap } from '../calibrate/calibrate-probabilities';
import { DataType } from '../model/onnx-proto';
import type { ClassificationGraph } from './fused-combiners';
import type { GraphBuilder } from './graph-builder';

export function calibrationOps(
  b: GraphBuilder,
  calibration: Calibration,
  proba: string,
  classCount: number,
): ClassificationGraph {
  const column = (c: number) =>
    b.op('Gather', [proba, b.int64s('class_column', [c])], 'uncalibrated', { axis: { int: 1 } });
  let calibrated: string;
  if (classCount === 2) {
    const p = mapOps(b, calibration.maps[0]!, column(1));
    calibrated = b.op('Concat', [b.op('Sub', [b.doubles('one', [1]), p], 'calibrated_p0'), p], 'calibrated', {
      axis: { int: 1 },
    });
  } else {
    const columns = calibration.maps.map((map, c) => mapOps(b, map, column(c)));
    const raw = b.op('Concat', columns, 'calibrated_raw', { axis: { int: 1 } });
    const sum = b.op('ReduceSum', [raw, b.int64s('axis1', [1])], 'calibrated_sum', { keepdims: { int: 1 } });
    const zero = b.op('Equal', [sum, b.doubles('scalar', [0], [])], 'calibrated_sum_is_zero');
    calibrated = b.op(
      'Where',
      [zero, b.doubles('uniform', [1 / classCount], []), b.op('Div', [raw, sum], 'calibrated_normalised')],
      'calibrated',
    );
  }
  const index = b.op('ArgMax', [calibrated], 'calibrated_argmax', {
    axis: { int: 1 },
    keepdims: { int: 0 },
    select_last_index: { int: 0 },
  });
  return { proba: calibrated, index };
}

/** One map applied to a `[N,1]` float64 column. */
function mapOps(b: GraphBuilder, map: CalibrationMap, f: string): string {
  if (map.method === 'sigmoid') {
    const z = b.op(
      'Add',
      [b.op('Mul', [f, b.doubles('platt_a', [map.a], [])], 'platt_af'), b.doubles('platt_b', [map.b], [])],
      'platt_z',
    );
    const denominator = b.op(
      'Add',
      [b.doubles('one', [1]), b.op('Exp', [z], 'platt_exp')],
      'platt_denominator',
    );
    return b.op('Div', [b.doubles('one', [1]), denominator], 'platt_p');
  }
  const { x, y } = map;
  const last = x.length - 1;
  if (last === 0) {
    // One point: a constant (f·0 keeps a missing score missing).
    return b.op(
      'Add',
      [b.op('Mul', [f, b.doubles('scalar', [0], [])], 'isotonic_zero'), b.doubles('isotonic_y', [y[0]!], [])],
      'isotonic_p',
    );
  }
  const clipped = b.op(
    'Max',
    [
      b.op('Min', [f, b.doubles('isotonic_hi', [x[last]!], [])], 'isotonic_below_hi'),
      b.doubles('isotonic_lo', [x[0]!], []),
    ],
    'isotonic_clipped',
  );
  // j = #{i ≥ 1 : x_i ≤ f}: [N,1] ≥ [last] → [N,last], summed along the row.
  const atOrAbove = b.op(
    'GreaterOrEqual',
    [clipped, b.doubles('isotonic_x_upper', x.slice(1))],
    'isotonic_at_or_above',
  );
  const counted = b.op('Cast', [atOrAbove], 'isotonic_step', { to: { int: DataType.INT64 } });
  const segment = b.op('ReduceSum', [counted, b.int64s('axis1', [1])], 'isotonic_segment', {
    keepdims: { int: 1 },
  });
  const slopes = x.map((xi, i) => (i === last ? 0 : (y[i + 1]! - y[i]!) / (x[i + 1]! - xi)));
  const pick = (values: readonly number[], hint: string) =>
    b.op('Gather', [b.doubles(hint, [...values]), segment], `${hint}_j`, { axis: { int: 0 } });
  const offset = b.op('Sub', [clipped, pick(x, 'isotonic_x')], 'isotonic_offset');
  return b.op(
    'Add',
    [b.op('Mul', [pick(slopes, 'isotonic_slope'), offset], 'isotonic_rise'), pick(y, 'isotonic_y')],
    'isotonic_p',
  );
}
