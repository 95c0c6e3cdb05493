/**
 * What a model is for, read from its graph: task, class labels, which output carries scores and
 * what they mean. These become the defaults of an ensemble member (DESIGN.md: `output`,
 * `outputKind` and `classes` may be left out where the model says them). When the graph does not
 * say, detection leaves the field null and a note tells the analyst what to set in the spec.
 */
import {
  ML_DOMAIN,
  getInt,
  getInts,
  getString,
  getStrings,
  findAttribute,
  isOp,
  normalizeDomain,
  producerMap,
  type GraphProto,
  type NodeProto,
} from './onnx-proto';
import type { DetectedRole, OutputKind, Task, TensorSignature } from '../../contract/model-types';
import type { TrailingZipMap } from './zipmap';

const CLASSIFIERS = new Set(['LinearClassifier', 'TreeEnsembleClassifier', 'SVMClassifier']);
const REGRESSORS = new Set(['LinearRegressor', 'TreeEnsembleRegressor', 'SVMRegressor']);
/** Ops that move or reshape scores without changing what they mean. */
const PASS_THROUGH = new Set(['Identity', 'Cast', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Slice']);
const FLOAT_TYPES = new Set(['float', 'double', 'float16', 'bfloat16']);
const LABEL_TYPES = new Set(['int64', 'int32', 'string']);

/** What the ops in front of a score output say its numbers are. */
interface ScoreEvidence {
  kind: OutputKind;
  task: Task;
  reason: string;
}

/** Labels as the ai.onnx.ml classifiers and ZipMap spell them. */
interface ClassLabels {
  classes: string[];
  classLabelType: 'int64' | 'string';
}

/**
 * @param graph the graph as stored (before any rewrite)
 * @param outputs the outputs as the runtime will see them (after the ZipMap rewrite)
 * @param zipMaps trailing ZipMaps found in the graph
 */
export function detectRole(
  graph: GraphProto,
  outputs: TensorSignature[],
  zipMaps: TrailingZipMap[],
): DetectedRole {
  const notes: string[] = [];
  const producers = producerMap(graph);
  const zipMap = zipMaps.find((z) => z.problem === null);
  for (const z of zipMaps) if (z.problem !== null) notes.push(`${z.problem}; it is left as is.`);

  const classifier = graph.node.find((n) => CLASSIFIERS.has(n.opType) && isMl(n));
  const scoreOutput = zipMap ? zipMap.output : pickScoreOutput(outputs, classifier, producers);
  const labelOutput = pickLabelOutput(outputs, scoreOutput);
  const labels: ClassLabels | null = zipMap ?? (classifier ? classLabelsOf(classifier) : null);

  if (zipMap) {
    notes.push(
      `The graph ends in ZipMap with ${zipMap.classes.length} ${zipMap.classLabelType} class labels; ` +
        `it is rewritten in memory so '${zipMap.output}' returns the [N,${zipMap.classes.length}] float tensor ZipMap read.`,
    );
  } else if (classifier && labels) {
    notes.push(`Class labels come from the ${classifier.opType} node's classlabels attribute.`);
  }

  const score = scoreOutput === null ? null : outputs.find((o) => o.name === scoreOutput);
  let evidence = scoreOutput === null ? null : traceScoreKind(scoreOutput, producers);
  if (evidence === null && zipMap) {
    evidence = {
      kind: 'probabilities',
      task: 'classification',
      reason: 'ZipMap holds per-class probabilities.',
    };
  }
  if (evidence === null && score) evidence = kindFromShape(score, classifier !== undefined);
  if (evidence) notes.push(evidence.reason);
  else if (score) {
    notes.push(
      `'${score.name}' is ${score.display}: nothing in the graph says whether it holds probabilities, logits ` +
        'or values; set "output" and "outputKind" in the spec.',
    );
  }

  // A model that only predicts labels is still a classifier (it can join a hard vote).
  const task: Task | null = labels
    ? 'classification'
    : (evidence?.task ?? (labelOutput !== null ? 'classification' : null));
  if (task === 'classification' && labels === null) {
    notes.push('The model does not name its classes; the ensemble spec\'s "classes" supplies them.');
  }
  if (!score && labelOutput === null) {
    notes.push(
      'No output carries scores or labels that detection recognises; set "output" and "outputKind".',
    );
  }
  if (labels && score) checkWidth(labels.classes.length, score, notes);

  return {
    task,
    classes: labels?.classes ?? null,
    classLabelType: labels?.classLabelType ?? null,
    scoreOutput: evidence ? scoreOutput : null,
    scoreKind: evidence?.kind ?? null,
    labelOutput,
    zipMapRewritten: zipMap !== undefined,
    notes,
  };
}

function isMl(node: NodeProto): boolean {
  return normalizeDomain(node.domain) === ML_DOMAIN;
}

function classLabelsOf(node: NodeProto): ClassLabels | null {
  // LinearClassifier and SVMClassifier say classlabels_ints; TreeEnsembleClassifier classlabels_int64s.
  const ints = getInts(node, 'classlabels_ints') ?? getInts(node, 'classlabels_int64s');
  if (ints && ints.length > 0) return { classes: ints.map((v) => v.toString()), classLabelType: 'int64' };
  const strings = getStrings(node, 'classlabels_strings');
  if (strings && strings.length > 0) return { classes: strings, classLabelType: 'string' };
  return null;
}

/**
 * The float tensor output that carries scores: with a classifier op, the one computed from the
 * classifier's scores (its second output); otherwise the first float tensor output.
 */
function pickScoreOutput(
  outputs: TensorSignature[],
  classifier: NodeProto | undefined,
  producers: Map<string, NodeProto>,
): string | null {
  const floats = outputs.filter((o) => o.valueKind === 'tensor' && FLOAT_TYPES.has(o.elementType));
  if (classifier) {
    const scores = classifier.output[1];
    const fromClassifier = floats.find((o) => scores !== undefined && dependsOn(o.name, scores, producers));
    if (fromClassifier) return fromClassifier.name;
  }
  return floats[0]?.name ?? null;
}

/** Whether `tensor` is `source` or computed from it along first inputs (how scores flow). */
function dependsOn(tensor: string, source: string, producers: Map<string, NodeProto>): boolean {
  const seen = new Set<string>();
  for (let name: string | undefined = tensor; name !== undefined && !seen.has(name);) {
    if (name === source) return true;
    seen.add(name);
    name = producers.get(name)?.input[0];
  }
  return false;
}

/** An int64/int32/string tensor of shape [N] or [N,1] (the converters' `output_label`). */
function pickLabelOutput(outputs: TensorSignature[], scoreOutput: string | null): string | null {
  const label = outputs.find(
    (o) =>
      o.name !== scoreOutput &&
      o.valueKind === 'tensor' &&
      LABEL_TYPES.has(o.elementType) &&
      o.shape !== null &&
      (o.shape.length === 1 || (o.shape.length === 2 && o.shape[1] === 1)),
  );
  return label?.name ?? null;
}

/** Walks back from a score tensor to the op that decides what its numbers are. */
function traceScoreKind(tensor: string, producers: Map<string, NodeProto>): ScoreEvidence | null {
  const seen = new Set<string>();
  let name: string | undefined = tensor;
  while (name !== undefined && !seen.has(name)) {
    seen.add(name);
    const node = producers.get(name);
    if (!node) return null;
    const evidence = evidenceOf(node);
    if (evidence) return evidence;
    const passes = isMl(node) ? node.opType === 'ZipMap' : PASS_THROUGH.has(node.opType);
    if (!passes) return null;
    name = node.input[0];
  }
  return null;
}

function evidenceOf(node: NodeProto): ScoreEvidence | null {
  const op = node.opType;
  if (isOp(node, 'Softmax')) return probabilities('The score output comes from Softmax.');
  if (isOp(node, 'Sigmoid')) {
    return probabilities('The score output comes from Sigmoid (one column: P(second class)).');
  }
  if (isOp(node, 'LogSoftmax')) {
    return {
      kind: 'logits',
      task: 'classification',
      reason:
        'The score output comes from LogSoftmax: log-probabilities, which softmax turns back into probabilities.',
    };
  }
  if (!isMl(node)) return null;
  if (op === 'Normalizer') {
    const norm = getString(node, 'norm') ?? 'MAX';
    return probabilities(
      `The scores pass through Normalizer(${norm}) after the classifier, as converters emit for probabilities.`,
    );
  }
  if (CLASSIFIERS.has(op)) return classifierEvidence(node);
  if (REGRESSORS.has(op)) {
    return { kind: 'value', task: 'regression', reason: `The output comes from ${op}: a regression value.` };
  }
  if (op === 'TreeEnsemble') return treeEnsembleEvidence(node);
  return null;
}

function probabilities(reason: string): ScoreEvidence {
  return { kind: 'probabilities', task: 'classification', reason };
}

/** post_transform decides: any squashing gives probabilities; NONE depends on the op. */
function classifierEvidence(node: NodeProto): ScoreEvidence {
  const op = node.opType;
  const post = getString(node, 'post_transform') ?? 'NONE';
  if (post !== 'NONE')
    return probabilities(`${op} applies post_transform=${post}, which yields probabilities.`);
  if (op === 'TreeEnsembleClassifier') {
    return probabilities(
      'TreeEnsembleClassifier with post_transform=NONE sums leaf class weights, which is how random forests ' +
        'emit averaged class probabilities (boosted trees would carry LOGISTIC or SOFTMAX).',
    );
  }
  if (op === 'SVMClassifier' && findAttribute(node, 'prob_a')) {
    return probabilities('SVMClassifier carries Platt scaling (prob_a/prob_b), so it yields probabilities.');
  }
  return {
    kind: 'logits',
    task: 'classification',
    reason: `${op} with post_transform=NONE gives raw decision scores (w·x+b); they are treated as logits.`,
  };
}

/** ai.onnx.ml v5 TreeEnsemble serves both regressors and classifiers; only some cases are clear. */
function treeEnsembleEvidence(node: NodeProto): ScoreEvidence | null {
  const post = getString(node, 'post_transform') ?? 'NONE';
  if (post !== 'NONE')
    return probabilities(`TreeEnsemble applies post_transform=${post}, which yields probabilities.`);
  const targets = getInt(node, 'n_targets') ?? 1;
  if (targets === 1)
    return { kind: 'value', task: 'regression', reason: 'TreeEnsemble with one target: a regression value.' };
  return null;
}

/** No op says what the numbers are: fall back on the shape ([N,C] scores vs. one value). */
function kindFromShape(score: TensorSignature, hasClassifier: boolean): ScoreEvidence | null {
  const shape = score.shape;
  const width = shape === null ? null : shape.length === 1 ? 1 : shape.length === 2 ? shape[1] : null;
  if (typeof width === 'number' && width >= 2) {
    return {
      kind: 'logits',
      task: 'classification',
      reason: `'${score.name}' is ${score.display} with no final Softmax or Sigmoid: treated as logits of ${width} classes.`,
    };
  }
  if (width === 1 && !hasClassifier) {
    return {
      kind: 'value',
      task: 'regression',
      reason:
        `'${score.name}' is ${score.display} with no classifier op and no final Softmax or Sigmoid: ` +
        'treated as a regression value (if it is a binary logit, set "outputKind": "logits").',
    };
  }
  return null;
}

function checkWidth(classCount: number, score: TensorSignature, notes: string[]): void {
  const last = score.shape?.[score.shape.length - 1];
  if (typeof last !== 'number' || last === classCount || (last === 1 && classCount === 2)) return;
  notes.push(`'${score.name}' has ${last} columns but the model names ${classCount} classes.`);
}
