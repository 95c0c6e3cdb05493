/**
 * Which output of a member is combined and what its numbers mean (DESIGN.md: `output` and
 * `outputKind` may be left out where the model says it).
 */
import { StudioError } from '../../contract/errors';
import type { ModelInfo, OutputKind, Task, TensorSignature } from '../../contract/model-types';
import type { MemberSpec } from '../../contract/ensemble-spec';

export interface ResolvedOutput {
  output: string;
  outputKind: OutputKind;
  /** Columns of the output: 1 for [N] or [N,1], the static last dimension, or null when unknown. */
  width: number | null;
}

const FLOAT_TYPES = new Set(['float', 'double']);
const LABEL_TYPES = new Set(['int64', 'int32', 'string', 'float', 'double']);

export function resolveMemberOutput(member: MemberSpec, info: ModelInfo, task: Task): ResolvedOutput {
  const detected = info.detected;
  if (detected.task !== null && detected.task !== task && member.outputKind === undefined) {
    throw new StudioError(
      'spec',
      `member '${member.name}' looks like a ${detected.task} model, but the ensemble's task is ${task} ` +
        `(set "output" and "outputKind" if this is intended)`,
      { member: member.name },
    );
  }
  const name = member.output ?? defaultOutputName(member.name, info, task);
  const signature = info.outputs.find((o) => o.name === name);
  if (!signature || signature.valueKind !== 'tensor') {
    const tensors = info.outputs.filter((o) => o.valueKind === 'tensor').map((o) => o.name);
    throw new StudioError(
      'spec',
      `member '${member.name}': output '${name}' is not a tensor output of the model (tensor outputs: ${tensors.join(', ')})`,
      { member: member.name, field: 'output' },
    );
  }
  const outputKind = member.outputKind ?? defaultKind(member.name, info, signature, task);
  checkKind(member.name, signature, outputKind, task);
  return { output: name, outputKind, width: outputWidth(member.name, signature) };
}

function defaultOutputName(member: string, info: ModelInfo, task: Task): string {
  const { scoreOutput, labelOutput } = info.detected;
  if (task === 'classification') {
    const name = scoreOutput ?? labelOutput;
    if (name !== null) return name;
  } else {
    if (scoreOutput !== null && info.detected.task === 'regression') return scoreOutput;
    const floats = info.outputs.filter((o) => o.valueKind === 'tensor' && FLOAT_TYPES.has(o.elementType));
    if (floats.length === 1 && floats[0]) return floats[0].name;
  }
  const tensors = info.outputs.filter((o) => o.valueKind === 'tensor');
  if (tensors.length === 1 && tensors[0]) return tensors[0].name;
  throw new StudioError(
    'spec',
    `member '${member}': cannot tell which output to use (${info.outputs.map((o) => o.name).join(', ')}); set "output"`,
    { member, field: 'output' },
  );
}

function defaultKind(member: string, info: ModelInfo, signature: TensorSignature, task: Task): OutputKind {
  if (task === 'regression') return 'value';
  const { scoreOutput, scoreKind, labelOutput } = info.detected;
  if (signature.name === scoreOutput && scoreKind !== null) return scoreKind;
  if (signature.name === labelOutput) return 'label';
  if (signature.elementType === 'int64' || signature.elementType === 'string') return 'label';
  throw new StudioError(
    'spec',
    `member '${member}': cannot tell whether output '${signature.name}' holds probabilities, logits or labels; ` +
      `set "outputKind"`,
    { member, field: 'outputKind' },
  );
}

function checkKind(member: string, signature: TensorSignature, kind: OutputKind, task: Task): void {
  const where = `member '${member}', output '${signature.name}' (${signature.display})`;
  if (task === 'regression' && kind !== 'value') {
    throw new StudioError(
      'spec',
      `${where}: a regression member's outputKind must be "value", not "${kind}"`,
      {
        member,
        field: 'outputKind',
      },
    );
  }
  if (task === 'classification' && kind === 'value') {
    throw new StudioError(
      'spec',
      `${where}: outputKind "value" is for regression; a classifier gives probabilities, logits or label`,
      { member, field: 'outputKind' },
    );
  }
  const allowed = kind === 'label' ? LABEL_TYPES : FLOAT_TYPES;
  if (!allowed.has(signature.elementType)) {
    throw new StudioError('spec', `${where}: element type ${signature.elementType} cannot hold ${kind}`, {
      member,
      field: 'output',
    });
  }
  if (
    kind === 'label' &&
    signature.shape !== null &&
    signature.shape.length === 2 &&
    signature.shape[1] !== 1
  ) {
    throw new StudioError('spec', `${where}: a label output must be [N] or [N,1]`, {
      member,
      field: 'output',
    });
  }
}

function outputWidth(member: string, signature: TensorSignature): number | null {
  const shape = signature.shape;
  if (shape === null) return null;
  if (shape.length === 1) return 1;
  if (shape.length === 2) {
    const last = shape[1];
    return typeof last === 'number' && last > 0 ? last : null;
  }
  throw new StudioError(
    'spec',
    `member '${member}', output '${signature.name}' is ${signature.display}: only [N] and [N, K] outputs can be combined`,
    { member, field: 'output' },
  );
}
