/**
 * The file end of the text writers (CSV, TSV, JSON Lines): one write per chunk, waiting for the
 * stream to drain when it is behind, so memory holds about one chunk.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { StudioError, visiblePath } from '../../contract/errors';

export class TextSink {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(private readonly path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on('error', (error) => (this.failure = error));
  }

  async write(text: string): Promise<void> {
    this.throwIfFailed();
    if (text !== '' && !this.stream.write(text)) await this.drain();
    this.throwIfFailed();
  }

  async finish(): Promise<void> {
    this.throwIfFailed();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    }).catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
    this.throwIfFailed();
  }

  /** Closes the file and deletes it. Never throws. */
  async abort(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.stream.closed) resolve();
      else this.stream.destroy().once('close', () => resolve());
    });
    await rm(this.path, { force: true }).catch(() => undefined);
  }

  private drain(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
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
