/**
 * The checkpoint of a resumable score run: beside the partial output, how far the run got (rows
 * done, the output's bytes and their sha256, the summary's running totals) and what it ran (spec,
 * models, input, the options that shape the output), so `score --resume` can continue it and
 * refuse when anything that shapes the bytes has changed.
 *
 * Names: the partial output is `.<name>.partial-resume` beside `<name>`, its checkpoint
 * `.<name>.partial-resume.ckpt.json`. A checkpoint is replaced whole (written under the output's
 * temp name, then renamed), so a kill leaves the previous one or the new one, never half of one.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as z from 'zod';
import { StudioError } from '../../contract/errors';
import { tempPathFor } from '../jobs/atomic-output';

export const CHECKPOINT_FORMAT = 'ensemble-studio/checkpoint@1';

/** The partial output a resumable run writes for `output`, and its checkpoint. */
export function resumablePaths(output: string): { partial: string; checkpoint: string } {
  const partial = join(dirname(output), `.${basename(output)}.partial-resume`);
  return { partial, checkpoint: `${partial}.ckpt.json` };
}

const IdentitySchema = z.strictObject({
  /** sha256 of the spec's canonical JSON. */
  spec: z.string(),
  /** member name → sha256 of its model file. */
  models: z.record(z.string(), z.string()),
  /** The input's path and the history's fingerprint of it (size, mtime, sha256 of its ends). */
  input: z.strictObject({ path: z.string(), fingerprint: z.string() }),
  /** The request's options that shape the output's bytes. */
  options: z.record(z.string(), z.unknown()),
});
export type CheckpointIdentity = z.infer<typeof IdentitySchema>;

const SummarySchema = z.strictObject({
  rows: z.number(),
  counts: z.array(z.number()),
  agree: z.array(z.number()),
  sums: z.array(z.array(z.number())),
});
export type SummaryState = z.infer<typeof SummarySchema>;

/** Where a resumed run starts: rows done (of its range), the output's bytes and their hash. */
const ProgressSchema = z.strictObject({
  rowsDone: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256: z.string(),
  summary: SummarySchema,
});
export type CheckpointProgress = z.infer<typeof ProgressSchema>;

const CheckpointSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  /** The run (history id) that wrote it: a resumed run records it as its parent. */
  runId: z.number().int(),
  output: z.string(),
  /** The process that owns the run (the engine's), so a live run's partial is never taken over. */
  ownerPid: z.number().int(),
  identity: IdentitySchema,
  /** Null until the first chunk is in the file. */
  progress: ProgressSchema.nullable(),
  updatedAt: z.string(),
});
export type ScoreCheckpoint = z.infer<typeof CheckpointSchema>;

/** Replaces the checkpoint at `path` (whole: written aside under the output's temp name, renamed). */
export function writeCheckpoint(path: string, checkpoint: ScoreCheckpoint): void {
  const temp = tempPathFor(checkpoint.output);
  try {
    writeFileSync(temp, JSON.stringify(checkpoint) + '\n', 'utf8');
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The checkpoint at `path`; null when there is none. One that does not parse is an error naming it. */
export function readCheckpoint(path: string): ScoreCheckpoint | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const checked = CheckpointSchema.safeParse(parsed);
  if (!checked.success) {
    throw new StudioError(
      'bad_input',
      `${path}: not a checkpoint this version can read: run again without --resume to start over`,
      { file: path },
      checked.error.message,
    );
  }
  return checked.data;
}

export function removeResumable(output: string): void {
  const { partial, checkpoint } = resumablePaths(output);
  rmSync(checkpoint, { force: true });
  rmSync(partial, { force: true });
}

/** What differs between the checkpoint's run and this one, in words; empty when it may continue. */
export function identityChanges(saved: CheckpointIdentity, now: CheckpointIdentity): string[] {
  const changes: string[] = [];
  if (saved.input.path !== now.input.path) {
    changes.push(`the input is ${now.input.path}, the interrupted run read ${saved.input.path}`);
  } else if (saved.input.fingerprint !== now.input.fingerprint) {
    changes.push(`the input ${now.input.path} changed (size, modification time or content)`);
  }
  if (saved.spec !== now.spec) changes.push('the ensemble spec changed');
  const members = new Set([...Object.keys(saved.models), ...Object.keys(now.models)]);
  for (const member of members) {
    const before = saved.models[member];
    const after = now.models[member];
    if (before === after) continue;
    if (before === undefined) changes.push(`member "${member}" is new`);
    else if (after === undefined) changes.push(`member "${member}" is gone`);
    else changes.push(`the model of member "${member}" changed`);
  }
  const options = new Set([...Object.keys(saved.options), ...Object.keys(now.options)]);
  for (const option of options) {
    const before = JSON.stringify(saved.options[option] ?? null);
    const after = JSON.stringify(now.options[option] ?? null);
    if (before !== after) changes.push(`the option ${option} was ${before}, now ${after}`);
  }
  return changes;
}
