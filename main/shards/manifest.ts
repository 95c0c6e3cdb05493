/** The manifest beside each shard part (`<part>.shard.json`): written with the part, read by merge. */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { StudioError } from '../../contract/errors';
import { SHARD_MANIFEST_FORMAT, type ShardManifest } from '../../contract/shard-types';
import { canonicalJson } from '../history/json';

export function manifestPathFor(part: string): string {
  return `${part}.shard.json`;
}

/** One hash for what scores a row: the spec's canonical JSON and each member model's bytes. */
export function ensembleHash(specSha256: string, models: Readonly<Record<string, string>>): string {
  return createHash('sha256')
    .update(canonicalJson({ spec: specSha256, models }))
    .digest('hex');
}

const ManifestSchema = z.strictObject({
  format: z.literal(SHARD_MANIFEST_FORMAT),
  ensembleHash: z.string().regex(/^[0-9a-f]{64}$/),
  input: z.strictObject({
    path: z.string(),
    size: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  index: z.number().int().min(1),
  count: z.number().int().min(1),
  firstRow: z.number().int().min(0),
  rows: z.number().int().min(0),
  totalRows: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  outputFormat: z.enum(['csv', 'tsv', 'jsonl']),
  runId: z.number().int(),
});

/** The manifest of `part`, checked; a missing or unreadable one is an error naming the part. */
export async function readManifest(part: string): Promise<ShardManifest> {
  const path = manifestPathFor(part);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new StudioError(
      'not_found',
      `${part}: no shard manifest ${path} beside it: only parts written by score --shard can be merged`,
      { file: path },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const checked = ManifestSchema.safeParse(parsed);
  if (!checked.success || checked.data.index > checked.data.count) {
    throw new StudioError(
      'bad_input',
      `${path}: not a shard manifest this version can read`,
      { file: path },
      checked.success ? 'the shard number is above the shard count' : checked.error.message,
    );
  }
  return checked.data;
}

export function manifestText(manifest: ShardManifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}
