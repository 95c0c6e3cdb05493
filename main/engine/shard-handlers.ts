/**
 * The contract's `shards.merge` call: the parts checked against their manifests (main/shards/merge.ts),
 * the output guarded like every output (never a part, a manifest, the history or a running job's
 * output; an existing file only with overwrite), then written aside and renamed into place.
 */
import { resolve } from 'node:path';
import type { Handlers } from '../../contract/contract';
import { assertWritableTarget } from '../jobs/atomic-output';
import { checkParts, writeMerged } from '../shards/merge';
import { manifestPathFor } from '../shards/manifest';
import type { EngineServices } from './engine-services';
import { guardOutputs, historyFiles, type ProtectedFile } from './output-guard';

export function shardHandlers(services: EngineServices): Pick<Handlers, 'shards.merge'> {
  return {
    'shards.merge': async ({ parts, output, overwrite }) => {
      const target = resolve(output);
      const paths = parts.map((p) => resolve(p));
      await assertWritableTarget(target);
      const protectedFiles: ProtectedFile[] = [
        ...paths.flatMap((p) => [
          { path: p, role: 'a part being merged' },
          { path: manifestPathFor(p), role: 'the manifest of a part being merged' },
        ]),
        ...historyFiles(services.historyPath),
        ...services.busyOutputs().map((busy) => ({ path: busy, role: "another running job's output" })),
      ];
      const [guarded] = await guardOutputs([{ given: output, role: 'output' }], protectedFiles, overwrite);
      const checked = await checkParts(paths, target);
      return writeMerged(checked, guarded!.target);
    },
  };
}
