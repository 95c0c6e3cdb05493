/**
 * The file end of the writers: the text writers (CSV, TSV, JSON Lines) write one chunk at a time,
 * the Parquet writer one row group's pages; each write is awaited, so memory holds about one chunk
 * and the bytes a writer hands over are free again when write() resolves.
 *
 * Text is encoded into one buffer kept for the sink's life, and writers may reuse their own: fresh
 * memory per chunk costs a page fault per 4 KiB, which on a virtual machine is a good share of the
 * writer's time.
 *
 * Tracked (a resumable score): it counts the bytes and keeps a running sha256 of them, and can
 * continue a partial file from a resume point: cut to the point's length after checking its hash.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { StudioError, visiblePath } from '../../contract/errors';
import type { ResumePoint, WrittenSoFar } from './written-so-far';

export class OutputSink {
  private readonly opening: Promise<FileHandle>;
  private handle: FileHandle | null = null;
  private failure: Error | undefined;
  private readonly hash: Hash | null;
  private bytes = 0;
  /** Where strings are encoded; grows to the largest chunk. */
  private encoded = Buffer.allocUnsafe(0);

  /** What the file is, in error messages ("the Parquet output could not be written"). */
  private readonly what: string;

  constructor(
    private readonly path: string,
    options: { track?: boolean; resume?: ResumePoint; what?: string } = {},
  ) {
    this.what = options.what ?? 'output';
    this.hash = options.track || options.resume ? createHash('sha256') : null;
    this.opening = options.resume ? this.continueFrom(options.resume) : open(path, 'w');
    this.opening.then(
      (handle) => (this.handle = handle),
      () => undefined,
    );
  }

  /**
   * Text is written as UTF-8, bytes as they are. The sink is done with the bytes when this
   * resolves: the caller may then reuse them.
   */
  async write(text: string | Uint8Array): Promise<void> {
    const handle = await this.ready();
    if (text.length === 0) return;
    const bytes = typeof text === 'string' ? this.encode(text) : text;
    this.hash?.update(bytes);
    this.bytes += bytes.length;
    try {
      for (let done = 0; done < bytes.length;) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, null);
        done += bytesWritten;
      }
    } catch (error) {
      throw this.failed(error);
    }
  }

  /** Resolves once the file is open; rejects as write() would when it cannot be created. */
  async opened(): Promise<void> {
    await this.ready();
  }

  /** What has been handed to the file so far (tracked sinks only). */
  written(): WrittenSoFar {
    if (!this.hash) throw new Error('OutputSink.written() needs a tracked sink');
    return { bytes: this.bytes, sha256: this.hash.copy().digest('hex') };
  }

  async finish(): Promise<void> {
    const handle = await this.ready();
    try {
      await handle.close();
    } catch (error) {
      throw this.failed(error);
    }
  }

  /** Closes the file and keeps what was written (a resumable run stopped). Never throws. */
  async close(): Promise<void> {
    const handle = await this.opening.catch(() => null);
    await handle?.close().catch(() => undefined);
  }

  /** Closes the file and deletes it. Never throws. */
  async abort(): Promise<void> {
    await this.close();
    await rm(this.path, { force: true }).catch(() => undefined);
  }

  private async ready(): Promise<FileHandle> {
    if (this.failure) throw this.failed(this.failure);
    if (this.handle) return this.handle;
    try {
      return await this.opening;
    } catch (error) {
      // A resume point that does not match says so itself; anything else is a write problem.
      if (error instanceof StudioError) throw error;
      throw this.failed(error);
    }
  }

  private encode(text: string): Buffer {
    const length = Buffer.byteLength(text, 'utf8');
    if (this.encoded.length < length)
      this.encoded = Buffer.allocUnsafe(Math.max(length, 2 * this.encoded.length));
    return this.encoded.subarray(0, this.encoded.write(text, 0, length, 'utf8'));
  }

  /**
   * A partial file continued: its first `point.bytes` bytes must be what the checkpoint hashed
   * (they seed the running hash); anything after them (a chunk half-written when the run was
   * killed) is cut off.
   */
  private async continueFrom(point: ResumePoint): Promise<FileHandle> {
    const handle = await open(this.path, 'r+');
    try {
      const { size } = await handle.stat();
      const buffer = Buffer.allocUnsafe(1 << 20);
      let done = 0;
      while (done < point.bytes) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, point.bytes - done), done);
        if (bytesRead === 0) break;
        this.hash!.update(buffer.subarray(0, bytesRead));
        done += bytesRead;
      }
      const sha256 = this.hash!.copy().digest('hex');
      if (size < point.bytes || sha256 !== point.sha256) {
        const shown = visiblePath(this.path);
        throw new StudioError(
          'bad_input',
          `${basename(shown)}: the partial output no longer matches its checkpoint ` +
            `(${size < point.bytes ? `${size} bytes, the checkpoint says ${point.bytes}` : 'its bytes changed'}): ` +
            'run again without --resume to start over',
          { file: shown },
        );
      }
      await handle.truncate(point.bytes);
      this.bytes = point.bytes;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    await handle.close();
    return open(this.path, 'a');
  }

  /** The error a write problem becomes; the first one is kept, and every later call repeats it. */
  private failed(error: unknown): StudioError {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    const shown = visiblePath(this.path);
    return new StudioError(
      'data',
      `${basename(shown)}: the ${this.what} could not be written: check that its folder exists, ` +
        'that you may write there and that the disk has space',
      { file: shown },
      this.failure.message,
    );
  }
}
