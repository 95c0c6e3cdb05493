/** What the engine knows about one ONNX model file, from its graph alone (no session needed). */

/** ONNX TensorProto element types by their spec name, lower-case ('float', 'double', 'int64', 'string', …). */
export type ElementType = string;

/** A dimension: a fixed size, a symbolic name ('N', 'batch_size'), or null when unknown. */
export type Dim = number | string | null;

export interface TensorSignature {
  name: string;
  /** 'tensor' for tensors; 'sequence<map<int64,tensor(float)>>' style text for anything else. */
  valueKind: 'tensor' | 'sequence' | 'map' | 'other';
  elementType: ElementType;
  shape: Dim[] | null;
  /** Human-readable type, e.g. "tensor(float)[N,30]" or "seq(map(int64,tensor(float)))". */
  display: string;
}

export type OutputKind = 'probabilities' | 'logits' | 'label' | 'value';
export type Task = 'classification' | 'regression';

/** What the app detected about a model's purpose, for defaults in an ensemble spec. */
export interface DetectedRole {
  task: Task | null;
  /** Class labels in the model's column order, as strings (DESIGN.md: labels compare by string form). */
  classes: string[] | null;
  /** Whether the original labels were integers (int64) or strings. */
  classLabelType: 'int64' | 'string' | null;
  /** The output that carries scores (after the ZipMap rewrite, when there was one). */
  scoreOutput: string | null;
  scoreKind: OutputKind | null;
  /** The output that carries predicted labels, when the model has one. */
  labelOutput: string | null;
  /** True when the graph ends in ZipMap and is rewritten in memory before scoring. */
  zipMapRewritten: boolean;
  /** Why detection concluded what it did, in words, for the UI and `inspect`. */
  notes: string[];
}

export interface ModelInfo {
  path: string;
  sizeBytes: number;
  sha256: string;
  irVersion: number;
  opsets: { domain: string; version: number }[];
  producer: { name: string; version: string };
  domain: string;
  modelVersion: number;
  docString: string;
  graphName: string;
  metadata: Record<string, string>;
  inputs: TensorSignature[];
  /** Outputs as the runtime will see them (after the ZipMap rewrite). */
  outputs: TensorSignature[];
  /** Outputs as stored in the file. */
  originalOutputs: TensorSignature[];
  /** Operator counts by "domain:op_type" ("Gemm", "ai.onnx.ml:TreeEnsembleClassifier"). */
  operatorCounts: Record<string, number>;
  nodeCount: number;
  initializerCount: number;
  detected: DetectedRole;
}

/** A model ready for ONNX Runtime: possibly-rewritten bytes plus what was learned from them. */
export interface PreparedModel {
  info: ModelInfo;
  /** Bytes to hand to InferenceSession.create (rewritten when a ZipMap was removed). */
  bytes: Uint8Array;
}
