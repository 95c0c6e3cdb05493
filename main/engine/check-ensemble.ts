/**
 * Validates an ensemble before anything runs: every member's model is read and its signature
 * checked against the spec and, when a data file is named, against that file's columns.
 * Problems are returned (not thrown) so the builder can show them next to the member.
 */
import { resolve } from 'node:path';
import type { SpecCheck } from '../../contract/contract';
import { toErrorPayload, type StudioErrorPayload } from '../../contract/errors';
import { inspectModel } from '../model/inspect';
import type { ModelInfo } from '../../contract/model-types';
import type { ColumnSchema } from '../../contract/data-types';
import { openDataset } from '../data/open-dataset';
import { resolveEnsemble } from '../ensemble/resolve';
import type { LoadedSpec } from './load-spec';
import { assumedColumns } from '../ensemble/assumed-columns';

export async function checkEnsemble(loaded: LoadedSpec, input?: string): Promise<SpecCheck> {
  const { spec, baseDir } = loaded;
  const problems: StudioErrorPayload[] = [];
  const infos = new Map<string, ModelInfo>();
  for (const member of spec.members) {
    try {
      infos.set(member.name, await inspectModel(resolve(baseDir, member.model)));
    } catch (error) {
      problems.push({ ...toErrorPayload(error), location: { member: member.name, file: member.model } });
    }
  }
  let columns: ColumnSchema[] | null = null;
  if (input) {
    try {
      const reader = await openDataset(input);
      columns = reader.info.columns;
      await reader.close();
    } catch (error) {
      problems.push(toErrorPayload(error));
    }
  }
  const result: SpecCheck = { ok: false, spec, classes: null, problems, members: [] };
  if (problems.length > 0) return result;
  // Without a data file, every column a member names is taken as present.
  const assumed = columns ?? assumedColumns(spec, infos);
  try {
    const resolved = resolveEnsemble(spec, infos, assumed);
    result.classes = resolved.task === 'classification' ? resolved.classes : null;
    result.members = resolved.members.map((m) => ({
      name: m.name,
      model: spec.members[m.index]!.model,
      inputs: Object.fromEntries(m.feeds.map((f) => [f.input, f.columns])),
      output: m.output,
      outputKind: m.outputKind,
    }));
    result.ok = true;
  } catch (error) {
    problems.push(toErrorPayload(error));
  }
  return result;
}
