/** Feed batches for precision tests, built from a corpus data file the way scoring builds them. */
import { openDataset } from '../../../main/data/open-dataset';
import { buildFeeds } from '../../../main/ensemble/feeds';
import { fusedColumnRequests, fusedFeeds } from '../../../main/export/check-fused';
import type { FusedModel } from '../../../main/export/fuse';
import type { Feeds } from '../../../main/precision/precision-report';
import { toFeeds } from '../../../main/runtime/tensors';
import type { LoadedCase } from '../export/corpus-case';

/** One member's inputs, one batch per chunk of `chunkRows`. */
export async function memberBatches(c: LoadedCase, member: string, chunkRows = 100): Promise<Feeds[]> {
  const plan = c.resolved.members.find((m) => m.name === member)!;
  const reader = await openDataset(c.dataPath);
  const batches: Feeds[] = [];
  try {
    for await (const chunk of reader.chunks({ columns: c.resolved.columns, chunkRows })) {
      batches.push(toFeeds(buildFeeds(plan, chunk)));
    }
  } finally {
    await reader.close();
  }
  return batches;
}

/** The fused model's inputs, one batch per chunk of `chunkRows`. */
export async function fusedBatches(fused: FusedModel, dataPath: string, chunkRows = 100): Promise<Feeds[]> {
  const reader = await openDataset(dataPath);
  const batches: Feeds[] = [];
  try {
    for await (const chunk of reader.chunks({ columns: fusedColumnRequests(fused.inputs), chunkRows }))
      batches.push(fusedFeeds(fused.inputs, chunk));
  } finally {
    await reader.close();
  }
  return batches;
}
