/**
 * Output files appear at their path only when complete: written aside in the same folder (so the
 * rename is atomic on the same file system), then renamed into place. A failed or cancelled run
 * removes its temp file and leaves nothing at the target path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StudioError } from '../../contract/errors';

/** A hidden sibling of `target`, unique to this attempt. */
export function tempPathFor(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

export async function assertWritableTarget(target: string): Promise<void> {
  const dir = dirname(target);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new StudioError('bad_input', `${target}: the output folder ${dir} does not exist`, {
      file: target,
    });
  }
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) {
    throw new StudioError('bad_input', `${target}: the output path is a folder`, { file: target });
  }
}

export async function discardOutput(tempPath: string): Promise<void> {
  await rm(tempPath, { force: true }).catch(() => undefined);
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
