/**
 * Output files appear at their path only when complete: written aside in the same folder (so the
 * rename is atomic on the same file system), then renamed into place. A failed or cancelled run
 * removes its temp file and leaves nothing at the target path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
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

/**
 * The file's sha256, read through one reused 1 MiB buffer: a stream's fresh buffer per read piles
 * up faster than the garbage collector returns it, which cost the engine process ~180 MB on a
 * 100 MB output.
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const handle = await open(path, 'r');
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
