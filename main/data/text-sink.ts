/**
 * The file end of the text writers (CSV, TSV, JSON Lines): one write per chunk, waiting for the
 * stream to drain when it is behind, so memory holds about one chunk.
 *
 * Tracked (a resumable score): it counts the bytes and keeps a running sha256 of them, and can
 * continue a partial file from a resume point: cut to the point's length after checking its hash.
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { StudioError, visiblePath } from '../../contract/errors';
import type { ResumePoint, WrittenSoFar } from './written-so-far';

export class TextSink {
  private stream: WriteStream | null = null;
  private readonly ready: Promise<void>;
  private failure: Error | undefined;
  private readonly hash: Hash | null;
  private bytes = 0;

  constructor(
    private readonly path: string,
    options: { track?: boolean; resume?: ResumePoint } = {},
  ) {
    this.hash = options.track || options.resume ? createHash('sha256') : null;
    if (options.resume) {
      this.ready = this.continueFrom(options.resume);
    } else {
      this.openStream('w');
      this.ready = Promise.resolve();
    }
  }

  /** Text is written as UTF-8; bytes as they are (the caller hands them over: they must not change). */
  async write(text: string | Buffer): Promise<void> {
    await this.ready;
    this.throwIfFailed();
    if (text.length === 0) return;
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    this.hash?.update(bytes);
    this.bytes += bytes.length;
    if (!this.stream!.write(bytes)) await this.drain();
    this.throwIfFailed();
  }

  /** What has been handed to the file so far (tracked sinks only). */
  written(): WrittenSoFar {
    if (!this.hash) throw new Error('TextSink.written() needs a tracked sink');
    return { bytes: this.bytes, sha256: this.hash.copy().digest('hex') };
  }

  async finish(): Promise<void> {
    await this.ready;
    this.throwIfFailed();
    const stream = this.stream!;
    await new Promise<void>((resolve, reject) => {
      stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    }).catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
    this.throwIfFailed();
  }

  /** Closes the file and keeps what was written (a resumable run stopped). Never throws. */
  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    const stream = this.stream;
    if (!stream || stream.closed) return;
    await new Promise<void>((resolve) => stream.end(() => resolve()));
  }

  /** Closes the file and deletes it. Never throws. */
  async abort(): Promise<void> {
    await this.ready.catch(() => undefined);
    const stream = this.stream;
    await new Promise<void>((resolve) => {
      if (!stream || stream.closed) resolve();
      else stream.destroy().once('close', () => resolve());
    });
    await rm(this.path, { force: true }).catch(() => undefined);
  }

  private openStream(flags: 'w' | 'a'): void {
    this.stream = createWriteStream(this.path, { flags, highWaterMark: 1 << 20 });
    this.stream.on('error', (error) => (this.failure = error));
  }

  /**
   * A partial file continued: its first `point.bytes` bytes must be what the checkpoint hashed
   * (they seed the running hash); anything after them (a chunk half-written when the run was
   * killed) is cut off.
   */
  private async continueFrom(point: ResumePoint): Promise<void> {
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
    } finally {
      await handle.close();
    }
    this.openStream('a');
  }

  private drain(): Promise<void> {
    const stream = this.stream!;
    return new Promise((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('error', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('error', done);
    });
  }

  private throwIfFailed(): void {
    if (!this.failure) return;
    const shown = visiblePath(this.path);
    throw new StudioError(
      'data',
      `${basename(shown)}: the output could not be written: check that its folder exists, ` +
        'that you may write there and that the disk has space',
      { file: shown },
      this.failure.message,
    );
  }
}
