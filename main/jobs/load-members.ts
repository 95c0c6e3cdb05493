/**
 * Loads every member of an ensemble: reads and (where needed) rewrites its model, and opens an
 * ONNX Runtime session on the requested provider. Runs in the engine host only.
 */
import { resolve } from 'node:path';
import type * as ort from 'onnxruntime-node';
import { prepareModel } from '../model/zipmap-rewrite';
import type { ModelInfo } from '../../contract/model-types';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import type { ResolvedEnsemble } from '../ensemble/plan';
import type { Provider } from '../../contract/contract';
import { createSession } from '../runtime/create-session';

export interface LoadedMember {
  name: string;
  path: string;
  info: ModelInfo;
  session: ort.InferenceSession;
  provider: Provider;
}

export interface LoadedMembers {
  members: LoadedMember[];
  /** Distinct provider warnings (fallbacks to CPU), once each. */
  warnings: string[];
  /** The provider in use: the requested one, or cpu when any member fell back. */
  providerUsed: Provider;
}

/** A member's model as read: its file, what inspection found, and the bytes ONNX Runtime gets. */
export interface LoadedModel {
  path: string;
  info: ModelInfo;
  bytes: Uint8Array;
}

/** By member name. */
export type LoadedModels = Map<string, LoadedModel>;

export async function loadModels(spec: EnsembleSpec, baseDir: string): Promise<LoadedModels> {
  const models: LoadedModels = new Map();
  for (const member of spec.members) {
    const path = resolve(baseDir, member.model);
    const prepared = await prepareModel(path);
    models.set(member.name, { path, info: prepared.info, bytes: prepared.bytes });
  }
  return models;
}

export async function openSessions(
  models: LoadedModels,
  options: { provider: Provider; threads?: number },
): Promise<LoadedMembers> {
  const members: LoadedMember[] = [];
  const warnings = new Set<string>();
  for (const [name, model] of models) {
    const opened = await createSession(model.bytes, options, { member: name, file: model.path });
    if (opened.warning) warnings.add(opened.warning);
    members.push({
      name,
      path: model.path,
      info: model.info,
      session: opened.session,
      provider: opened.provider,
    });
  }
  const providerUsed = members.every((m) => m.provider === options.provider) ? options.provider : 'cpu';
  return { members, warnings: [...warnings], providerUsed };
}

export async function releaseSessions(members: readonly LoadedMember[]): Promise<void> {
  await Promise.allSettled(members.map((m) => m.session.release()));
}

/** What inspection found, by member name: what resolution needs. */
export function modelInfos(models: LoadedModels): Map<string, ModelInfo> {
  return new Map([...models].map(([name, m]) => [name, m.info]));
}

/** The members as a job reports them (for the history's run members and models). */
export function memberReports(
  resolved: ResolvedEnsemble,
  models: LoadedModels,
): { member: string; weight: number; info: ModelInfo }[] {
  return resolved.members.map((m) => ({ member: m.name, weight: m.weight, info: models.get(m.name)!.info }));
}
