/**
 * Which operators changed meaning between operator-set versions, so that a member written for an
 * older opset can be imported at a newer one only when none of its operators changed in between.
 *
 * The table lists, per operator, the opset versions that changed inputs, attributes or behaviour
 * (from ONNX's Changelog.md). Versions that only added element types (e.g. Add 14, Relu 14, Cast 13)
 * or added an optional input/attribute whose default keeps the old behaviour (Reshape 14
 * `allowzero`, ArgMax 12 `select_last_index`, Shape 15 `start`/`end`, Pad 18 `axes`) are left out:
 * a model valid at the old version computes the same at the new one. When in doubt an entry is
 * listed, because refusing with a clear message is better than a fused model that is subtly off.
 */

/** Default domain (ai.onnx): operator → versions whose semantics differ from the one before. */
export const DEFAULT_DOMAIN_CHANGES: Readonly<Record<string, readonly number[]>> = {
  // Coerce-to-2D semantics replaced by a single axis (default -1).
  Softmax: [13],
  LogSoftmax: [13],
  Hardmax: [13],
  // `axes` moved from attribute to input.
  ReduceSum: [13],
  Squeeze: [13],
  Unsqueeze: [13],
  ReduceMean: [18],
  ReduceMax: [18],
  ReduceMin: [18],
  ReduceProd: [18],
  ReduceL1: [18],
  ReduceL2: [18],
  ReduceLogSum: [18],
  ReduceLogSumExp: [18],
  ReduceSumSquare: [18],
  // `split` moved to an input (13); `num_outputs` required for even splits without `split` (18).
  Split: [13, 18],
  // Attributes moved to inputs.
  Slice: [10],
  TopK: [10, 11],
  Pad: [11],
  Clip: [11],
  Dropout: [10, 12],
  Upsample: [9, 10],
  // Resize: coordinate transformation modes (11), nearest/cubic details (13), antialias/axes (18, 19).
  Resize: [11, 13, 18, 19],
  // Training-mode outputs (14); `spatial` removed (9).
  BatchNormalization: [9, 14],
  // Scatter deprecated in favour of ScatterElements.
  Scatter: [11],
  // Broadcasting added to the variadic ops.
  Max: [8],
  Min: [8],
  Mean: [8],
  Sum: [8],
  // Default coordinate_transformation_mode changed.
  RoiAlign: [16],
  // Mode names and semantics changed.
  GridSample: [20],
  // Scale and bias per channel instead of per group.
  GroupNormalization: [21],
  // `axis` moved to an input.
  DFT: [20],
  AveragePool: [10, 11],
  MaxPool: [10, 11],
  LpPool: [11],
  ConvTranspose: [11],
  Flatten: [9],
};

/** ai.onnx.ml: operator → versions with changed semantics. */
export const ML_DOMAIN_CHANGES: Readonly<Record<string, readonly number[]>> = {
  LabelEncoder: [2, 4],
  TreeEnsembleClassifier: [5],
  TreeEnsembleRegressor: [5],
};

/**
 * The first version in (from, to] at which `opType` changed meaning, or null when it did not
 * (including operators the table does not list, whose versions in that range only widened types).
 */
export function changedBetween(
  table: Readonly<Record<string, readonly number[]>>,
  opType: string,
  from: number,
  to: number,
): number | null {
  return table[opType]?.find((version) => version > from && version <= to) ?? null;
}
