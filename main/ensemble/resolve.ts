/**
 * Resolve a parsed spec against its members' models and a data file's columns into a plan,
 * refusing anything that cannot work before a single row is scored (DESIGN.md, "Ensemble spec").
 */
import type { ColumnRequest, ColumnSchema } from '../../contract/data-types';
import { StudioError } from '../../contract/errors';
import type { ModelInfo } from '../../contract/model-types';
import { resolveCalibration } from './calibration';
import { mapMemberClasses, sortedClassUnion } from './classes';
import type { MemberPlan, ResolvedEnsemble } from './plan';
import { resolveMemberFeeds, widestRequest } from './resolve-inputs';
import { resolveMemberOutput, type ResolvedOutput } from './resolve-output';
import {
  COMBINERS_FOR_TASK,
  type CombinerSpec,
  type EnsembleSpec,
  type MemberSpec,
} from '../../contract/ensemble-spec';

export type { ResolvedEnsemble } from './plan';

/** @param members model facts by member name (spec.members[].name). */
export function resolveEnsemble(
  spec: EnsembleSpec,
  members: ReadonlyMap<string, ModelInfo>,
  columns: readonly ColumnSchema[],
): ResolvedEnsemble {
  const { total: totalWeight, scale: weightScale } = checkMembersAndWeights(spec);
  const resolved = spec.members.map((member) => {
    const info = members.get(member.name);
    if (!info)
      throw new StudioError('spec', `member '${member.name}': no model loaded`, { member: member.name });
    return {
      member,
      info,
      feeds: resolveMemberFeeds(member, info, columns),
      output: resolveMemberOutput(member, info, spec.task),
    };
  });

  const classes = spec.task === 'classification' ? ensembleClasses(spec, resolved) : [];
  const plans: MemberPlan[] = resolved.map(({ member, info, feeds, output }, index) => {
    const memberClasses =
      spec.task === 'classification' ? memberClassList(member, info, output, classes) : null;
    return {
      name: member.name,
      index,
      rawWeight: member.weight / weightScale,
      weight: member.weight / weightScale / totalWeight,
      feeds,
      output: output.output,
      outputKind: output.outputKind,
      classes: memberClasses,
      classMap: memberClasses ? mapMemberClasses(member.name, memberClasses, classes) : null,
    };
  });
  checkCombiner(spec.combiner, spec.task, classes.length, plans.length);
  const calibration = resolveCalibration(spec, classes.length);

  const requests = new Map<string, ColumnRequest>();
  for (const plan of plans) {
    for (const feed of plan.feeds) {
      for (const column of feed.columns) {
        const previous = requests.get(column);
        requests.set(column, previous ? widestRequest(previous, feed.type) : feed.type);
      }
    }
  }
  return {
    spec,
    task: spec.task,
    classes,
    members: plans,
    combiner: spec.combiner,
    calibration,
    columns: requests,
  };
}

function checkMembersAndWeights(spec: EnsembleSpec): { total: number; scale: number } {
  const names = new Set<string>();
  for (const member of spec.members) {
    if (names.has(member.name)) {
      throw new StudioError('spec', `member name '${member.name}' is used twice`, { member: member.name });
    }
    names.add(member.name);
  }
  // Weights as written keep sums exact (scikit-learn parity); only when their sum overflows (every
  // weight 1e308) are they divided by the largest first, which leaves their ratios unchanged.
  const raw = spec.members.reduce((sum, m) => sum + m.weight, 0);
  const largest = spec.members.reduce((max, m) => Math.max(max, m.weight), 0);
  const scale = Number.isFinite(raw) ? 1 : largest;
  const total = spec.members.reduce((sum, m) => sum + m.weight / scale, 0);
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new StudioError(
      'spec',
      `every member's weight is 0 (${spec.members.map((m) => `"${m.name}"`).join(', ')}): give at least one member a weight above 0`,
      { field: 'weight' },
    );
  }
  return { total, scale };
}

interface Resolved {
  member: MemberSpec;
  info: ModelInfo;
  output: ResolvedOutput;
}

/** `classes` of the spec (no duplicates), else the sorted union of the labels members declare. */
function ensembleClasses(spec: EnsembleSpec, resolved: readonly Resolved[]): string[] {
  if (spec.classes) {
    const duplicate = spec.classes.find((label, i) => spec.classes?.indexOf(label) !== i);
    if (duplicate !== undefined) {
      throw new StudioError('spec', `the ensemble's classes list '${duplicate}' twice`, { field: 'classes' });
    }
    return [...spec.classes];
  }
  const known = resolved
    .map(({ member, info }) => member.classes ?? info.detected.classes)
    .filter((c) => c !== null);
  if (known.length === 0) {
    throw new StudioError(
      'spec',
      `cannot tell the ensemble's classes: no member's model names its labels; set "classes" in the spec`,
      { field: 'classes' },
    );
  }
  return sortedClassUnion(known);
}

/**
 * A member's labels in its output's column order: from the spec, else the model, else the
 * ensemble's own classes when the output's width says they are the same set.
 */
function memberClassList(
  member: MemberSpec,
  info: ModelInfo,
  output: ResolvedOutput,
  ensemble: readonly string[],
): string[] {
  const { width, outputKind } = output;
  const fitsBinary = (count: number) => width === 1 && count === 2;
  const declared = member.classes ?? info.detected.classes;
  if (declared === null) {
    if (
      outputKind === 'label' ||
      width === null ||
      width === ensemble.length ||
      fitsBinary(ensemble.length)
    ) {
      return [...ensemble];
    }
    throw new StudioError(
      'spec',
      `member '${member.name}': cannot tell its classes (output '${output.output}' has ${width} columns, the ` +
        `ensemble has ${ensemble.length} classes); set "classes" for this member`,
      { member: member.name, field: 'classes' },
    );
  }
  if (outputKind !== 'label' && width !== null && width !== declared.length && !fitsBinary(declared.length)) {
    throw new StudioError(
      'spec',
      `member '${member.name}': output '${output.output}' has ${width} columns but the member has ` +
        `${declared.length} classes [${declared.join(', ')}]`,
      { member: member.name, field: 'classes' },
    );
  }
  return [...declared];
}

function checkCombiner(
  combiner: CombinerSpec,
  task: EnsembleSpec['task'],
  classCount: number,
  memberCount: number,
) {
  const allowed = COMBINERS_FOR_TASK[task];
  if (!allowed.includes(combiner.method)) {
    throw new StudioError(
      'spec',
      `combiner '${combiner.method}' does not apply to ${task} (use one of: ${allowed.join(', ')})`,
      { field: 'combiner' },
    );
  }
  if (task === 'classification' && classCount < 2) {
    throw new StudioError('spec', `a classification ensemble needs at least 2 classes, has ${classCount}`, {
      field: 'classes',
    });
  }
  if (combiner.method === 'rank_mean' && classCount !== 2) {
    throw new StudioError(
      'spec',
      `combiner 'rank_mean' is for binary classification; this ensemble has ${classCount} classes`,
      {
        field: 'combiner',
      },
    );
  }
  if (combiner.method !== 'stacking') return;
  const meta = combiner.meta;
  if (task === 'classification') {
    if (meta.kind !== 'logistic') {
      throw new StudioError(
        'spec',
        `classification stacking needs a 'logistic' meta-model, not '${meta.kind}'`,
        {
          field: 'combiner',
        },
      );
    }
    // Binary: P(second class) per member and one coefficient row, as scikit-learn stores them.
    const featureCount = memberCount * (classCount === 2 ? 1 : classCount);
    const rows = classCount === 2 ? 1 : classCount;
    const badRow = meta.coef.findIndex((row) => row.length !== featureCount);
    if (meta.coef.length !== rows || meta.intercept.length !== rows || badRow >= 0) {
      throw new StudioError(
        'spec',
        `stacking meta-model must have ${rows} coefficient row(s) of ${featureCount} and ${rows} intercept(s) ` +
          `for ${memberCount} members and ${classCount} classes`,
        { field: 'combiner' },
      );
    }
    checkFeatureNames(meta.features.length, featureCount);
  } else {
    if (meta.kind !== 'ridge') {
      throw new StudioError('spec', `regression stacking needs a 'ridge' meta-model, not '${meta.kind}'`, {
        field: 'combiner',
      });
    }
    if (meta.coef.length !== memberCount) {
      throw new StudioError(
        'spec',
        `stacking ridge meta-model has ${meta.coef.length} coefficients for ${memberCount} members`,
        { field: 'combiner' },
      );
    }
    checkFeatureNames(meta.features.length, memberCount);
  }
}

/** Feature names are documentation; when present there must be one per meta-feature. */
function checkFeatureNames(given: number, expected: number): void {
  if (given !== 0 && given !== expected) {
    throw new StudioError('spec', `stacking meta-model names ${given} features, expected ${expected}`, {
      field: 'combiner',
    });
  }
}
