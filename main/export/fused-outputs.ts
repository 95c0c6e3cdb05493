/**
 * The fused model's outputs. Classification: `label` `[N]` — the ensemble's class labels, int64
 * when every label is an integer in canonical form ("0", "1", "-3"; not "007" or "1.5"), otherwise
 * string — and `probabilities` `[N,K]` float32 in the ensemble's class order. Regression:
 * `prediction` `[N]` float32. The combined values are float64 inside the graph and rounded once here.
 */
import { DataType, makeTensorValueInfo, type ValueInfoProto } from '../model/onnx-proto';
import type { GraphBuilder } from './graph-builder';

export const LABEL_OUTPUT = 'label';
export const PROBABILITIES_OUTPUT = 'probabilities';
export const PREDICTION_OUTPUT = 'prediction';

/** Whether the labels can be written as int64 without changing their string form. */
export function integerLabels(classes: readonly string[]): boolean {
  return classes.every((label) => /^[+-]?\d+$/.test(label) && String(BigInt(label)) === label);
}

export function classificationOutputs(
  b: GraphBuilder,
  classes: readonly string[],
  proba: string,
  index: string,
): ValueInfoProto[] {
  b.opTo('Cast', [proba], PROBABILITIES_OUTPUT, { to: { int: DataType.FLOAT } });
  const asInt = integerLabels(classes);
  const labels = asInt
    ? b.constant(
        'class_labels',
        DataType.INT64,
        [classes.length],
        BigInt64Array.from(classes, (c) => BigInt(c)),
      )
    : b.constant('class_labels', DataType.STRING, [classes.length], [...classes]);
  b.opTo('Gather', [labels, index], LABEL_OUTPUT, { axis: { int: 0 } });
  return [
    makeTensorValueInfo(LABEL_OUTPUT, asInt ? DataType.INT64 : DataType.STRING, ['N']),
    makeTensorValueInfo(PROBABILITIES_OUTPUT, DataType.FLOAT, ['N', classes.length]),
  ];
}

export function regressionOutputs(b: GraphBuilder, value: string): ValueInfoProto[] {
  b.opTo('Cast', [value], PREDICTION_OUTPUT, { to: { int: DataType.FLOAT } });
  return [makeTensorValueInfo(PREDICTION_OUTPUT, DataType.FLOAT, ['N'])];
}
