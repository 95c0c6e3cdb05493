/**
 * Metadata properties of a fused model: what it was made from, so a file found later says which
 * members (and which exact files, by sha256), which combiner, weights and calibration, and which app
 * made it.
 * Structured values are JSON strings; ONNX metadata values are plain strings.
 */
import { basename } from 'node:path';
import type { MemberPlan, ResolvedEnsemble } from '../ensemble/plan';
import type { ModelInfo } from '../../contract/model-types';
import type { InputLayout } from './fused-inputs';

export const FUSED_KEY = 'ensemble-studio.fused';

export function fusedMetadata(
  resolved: ResolvedEnsemble,
  members: readonly MemberPlan[],
  models: ReadonlyMap<string, { info: ModelInfo }>,
  options: { inputLayout: InputLayout; appVersion: string },
  extra: { labelType: 'int64' | 'string' | null },
): Record<string, string> {
  const described = members.map((m) => {
    const info = models.get(m.name)?.info;
    return {
      name: m.name,
      file: info ? basename(info.path) : null,
      sha256: info?.sha256 ?? null,
      weight: m.rawWeight,
      output: m.output,
      outputKind: m.outputKind,
      ...(m.classes ? { classes: m.classes } : {}),
    };
  });
  return {
    [FUSED_KEY]: '1',
    'ensemble-studio.app-version': options.appVersion,
    'ensemble-studio.ensemble': resolved.spec.name,
    'ensemble-studio.task': resolved.task,
    'ensemble-studio.members': JSON.stringify(described),
    'ensemble-studio.combiner': JSON.stringify(resolved.combiner),
    ...(resolved.spec.calibration
      ? { 'ensemble-studio.calibration': JSON.stringify(resolved.spec.calibration) }
      : {}),
    'ensemble-studio.weights': JSON.stringify(Object.fromEntries(members.map((m) => [m.name, m.rawWeight]))),
    ...(resolved.task === 'classification'
      ? { 'ensemble-studio.classes': JSON.stringify(resolved.classes) }
      : {}),
    ...(extra.labelType ? { 'ensemble-studio.label-type': extra.labelType } : {}),
    'ensemble-studio.input-layout': options.inputLayout,
  };
}
