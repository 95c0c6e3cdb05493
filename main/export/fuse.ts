/**
 * Fused export (DESIGN.md, "Fused export"): one ONNX model that computes a whole ensemble with plain ONNX
 * Runtime. Node order of the fused graph:
 *   data inputs → feed glue (Cast / Concat / Gather / Reshape) → each member's graph under
 *   `<member>/` → per-member normalisation (member-scores.ts) → combiner (fused-combiners.ts)
 *   → calibration, when the spec has one (fused-calibration.ts) → outputs (fused-outputs.ts).
 * Members keep their own operators and weights; glue names start with `ensemble/`. The models
 * must be the PREPARED bytes (ZipMap already rewritten to its probability tensor).
 */
import { toBinary } from '@bufbuild/protobuf';
import { FunctionProtoSchema, type FunctionProto } from 'onnx-buf';
import type { MemberPlan, ResolvedEnsemble } from '../ensemble/plan';
import { StudioError } from '../../contract/errors';
import {
  allNodes,
  makeGraph,
  makeModel,
  ML_DOMAIN,
  parseModel,
  serializeModel,
  type GraphProto,
  type ModelProto,
} from '../model/onnx-proto';
import type { ModelInfo, TensorSignature } from '../../contract/model-types';
import { calibrationOps } from './fused-calibration';
import { combineClassificationOps, combineRegressionOps } from './fused-combiners';
import { buildFusedInputs, memberColumns, type FusedInput, type InputLayout } from './fused-inputs';
import { classificationOutputs, integerLabels, regressionOutputs } from './fused-outputs';
import { fusedMetadata } from './fused-metadata';
import { GraphBuilder } from './graph-builder';
import { prefixGraph, pruneGraph } from './member-graph';
import { memberProbabilities, memberValues } from './member-scores';
import { reconcileOpsets } from './reconcile-opsets';
import { externalTensors } from '../model/external-data';

export type { FusedInput, InputLayout } from './fused-inputs';

export interface FuseOptions {
  inputLayout: InputLayout;
  appVersion: string;
}

/** A member's model as the scoring pipeline loads it (main/jobs/load-members.ts). */
export interface MemberModelBytes {
  /** Prepared bytes: ZipMap already rewritten. */
  bytes: Uint8Array;
  info: ModelInfo;
}

export interface FusedModel {
  model: ModelProto;
  bytes: Uint8Array;
  /** The fused model's inputs: feed each the listed data columns, `[N, columns.length]`. */
  inputs: FusedInput[];
  /** `label`, `probabilities` (classification) or `prediction` (regression). */
  outputs: string[];
}

/**
 * The glue is written against default-domain opset 13 (ReduceSum's axes and Pad's pads as inputs,
 * Softmax over one axis); none of the operators it uses changed meaning after 13, so it is valid
 * at whatever higher opset the members need.
 */
const GLUE_DEFAULT_OPSET = 13;

export function fuseEnsemble(
  resolved: ResolvedEnsemble,
  models: ReadonlyMap<string, MemberModelBytes>,
  options: FuseOptions,
): FusedModel {
  const members = includedMembers(resolved);
  const parsed = members.map((plan) => {
    const entry = models.get(plan.name);
    if (!entry)
      throw new StudioError('spec', `member '${plan.name}': no model loaded`, { member: plan.name });
    const model = parseModel(entry.bytes);
    refuseExternalData(plan.name, entry.info.path, model);
    return { plan, info: entry.info, model };
  });
  const needsLabelEncoder = parsed.some(
    ({ plan, info }) => plan.outputKind === 'label' && signatureOf(plan, info).elementType === 'string',
  );
  const { opsets, irVersion } = reconcileOpsets(
    parsed.map(({ plan, model }) => ({ name: plan.name, model })),
    needsLabelEncoder ? { '': GLUE_DEFAULT_OPSET, [ML_DOMAIN]: 2 } : { '': GLUE_DEFAULT_OPSET },
  );

  const memberGraphs = parsed.map(({ plan, model }) => memberGraph(plan, model));
  const b = new GraphBuilder();
  b.reserve(memberGraphs.flatMap(valueNames));
  const fusedInputs = buildFusedInputs(b, memberColumns(members, resolved.columns), options.inputLayout);
  b.reserve(fusedInputs.inputs.map((i) => i.name));
  for (const { plan } of parsed)
    for (const feed of plan.feeds) fusedInputs.wire(feed, `${plan.name}/${feed.input}`);
  const feedNodes = b.nodes.splice(0);

  const scores = parsed.map(({ plan, info }) => {
    const output = `${plan.name}/${plan.output}`;
    const signature = signatureOf(plan, info);
    return resolved.task === 'classification'
      ? memberProbabilities(b, plan, output, signature, resolved.classes.length)
      : memberValues(b, plan, output, signature);
  });
  const weights = members.map((m) => m.rawWeight);
  let outputs;
  if (resolved.task === 'classification') {
    const combined = combineClassificationOps(b, resolved.combiner, scores, weights, resolved.classes.length);
    const final = resolved.calibration
      ? calibrationOps(b, resolved.calibration, combined.proba, resolved.classes.length)
      : combined;
    outputs = classificationOutputs(b, resolved.classes, final.proba, final.index);
  } else {
    outputs = regressionOutputs(b, combineRegressionOps(b, resolved.combiner, scores, weights));
  }

  const graph = makeGraph({
    name: resolved.spec.name,
    nodes: [...feedNodes, ...memberGraphs.flatMap((g) => g.node), ...b.nodes],
    inputs: fusedInputs.valueInfos,
    outputs,
    initializers: [...memberGraphs.flatMap((g) => g.initializer), ...b.initializers],
  });
  graph.sparseInitializer = memberGraphs.flatMap((g) => g.sparseInitializer);
  graph.quantizationAnnotation = memberGraphs.flatMap((g) => g.quantizationAnnotation);
  checkInputNames(graph, fusedInputs.inputs);

  const model = makeModel(graph, {
    opsets,
    irVersion,
    producerName: 'Ensemble Studio',
    producerVersion: options.appVersion,
    docString: `Fused ensemble '${resolved.spec.name}' (${resolved.combiner.method} of ${members.length} members).`,
    metadata: fusedMetadata(resolved, members, models, options, {
      labelType:
        resolved.task === 'classification' ? (integerLabels(resolved.classes) ? 'int64' : 'string') : null,
    }),
  });
  model.functions = mergeFunctions(
    parsed.map(({ plan, model: m }) => ({ name: plan.name, functions: m.functions })),
  );
  return {
    model,
    bytes: serializeModel(model),
    inputs: fusedInputs.inputs,
    outputs: outputs.map((o) => o.name),
  };
}

/**
 * Members the combiner reads: every member for stacking (the meta-model has a coefficient for
 * each), the members with a non-zero weight otherwise (the app's combiners skip weight 0).
 */
function includedMembers(resolved: ResolvedEnsemble): MemberPlan[] {
  if (resolved.combiner.method === 'stacking') return resolved.members;
  return resolved.members.filter((m) => m.rawWeight !== 0);
}

function signatureOf(plan: MemberPlan, info: ModelInfo): TensorSignature {
  const signature = info.outputs.find((o) => o.name === plan.output);
  if (!signature) {
    throw new StudioError('model', `member '${plan.name}': the model has no output '${plan.output}'`, {
      member: plan.name,
    });
  }
  return signature;
}

/** The member's graph cut to its combined output, its names under `<member>/`. */
function memberGraph(plan: MemberPlan, model: ModelProto): GraphProto {
  const graph = model.graph;
  if (!graph)
    throw new StudioError('model', `member '${plan.name}': the model has no graph`, { member: plan.name });
  pruneGraph(graph, [plan.output]);
  // Declared shapes of intermediate values may name the member's own batch dimension; the fused
  // graph's shapes are inferred again from its inputs, so stale declarations are dropped.
  graph.valueInfo = [];
  prefixGraph(graph, `${plan.name}/`);
  return graph;
}

/** Every value and initializer name of a (prefixed) member graph, its subgraphs included. */
function valueNames(graph: GraphProto): string[] {
  const names = [...graph.input, ...graph.output].map((v) => v.name);
  names.push(...graph.initializer.map((t) => t.name));
  for (const node of allNodes(graph)) names.push(...node.input, ...node.output);
  return names;
}

/** A column named like a glue value or a member's value would be two different values with one name. */
function checkInputNames(graph: GraphProto, inputs: readonly FusedInput[]): void {
  const internal = new Set<string>(graph.output.map((o) => o.name));
  for (const node of allNodes(graph)) for (const o of node.output) internal.add(o);
  for (const t of graph.initializer) internal.add(t.name);
  for (const input of inputs) {
    if (internal.has(input.name)) {
      throw new StudioError(
        'spec',
        `cannot export with one input per column: column '${input.name}' has the name of a value inside the ` +
          `fused model; export with the 'matrix' input layout`,
        { column: input.name },
      );
    }
  }
}

/** Model-local functions of all members; one (domain, name) defined differently twice is refused. */
function mergeFunctions(members: { name: string; functions: FunctionProto[] }[]): FunctionProto[] {
  const byKey = new Map<string, { member: string; fn: FunctionProto }>();
  for (const { name, functions } of members) {
    for (const fn of functions) {
      const key = `${fn.domain}\u0000${fn.name}\u0000${fn.overload}`;
      const seen = byKey.get(key);
      if (!seen) byKey.set(key, { member: name, fn });
      else if (!sameBytes(toBinary(FunctionProtoSchema, seen.fn), toBinary(FunctionProtoSchema, fn))) {
        throw new StudioError(
          'model',
          `cannot fuse: members '${seen.member}' and '${name}' both define function ${fn.domain}.${fn.name} differently`,
          { member: name },
        );
      }
    }
  }
  return [...byKey.values()].map((v) => v.fn);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * The fused file must be self-contained: a member tensor that still names an external file would
 * be copied into it with its `location`, so whoever runs the fused model would read that path (it
 * could be any file on their machine). Members are loaded with their external data read in
 * (prepareModel), so this only refuses bytes that skipped that step.
 */
function refuseExternalData(member: string, file: string, model: ModelProto): void {
  const external = externalTensors(model);
  if (external.length === 0) return;
  const location = external[0]!.externalData.find((e) => e.key === 'location')?.value ?? '';
  throw new StudioError(
    'model',
    `member '${member}' (${file}): tensor '${external[0]!.name}' still refers to the external file '${location}', ` +
      'which a fused model cannot carry: load the member from its file so its data is read in',
    { member, file, field: external[0]!.name },
  );
}
