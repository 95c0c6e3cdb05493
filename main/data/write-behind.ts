/**
 * A TableWriter whose formatting and writing happen on a worker thread, a few chunks behind the
 * scoring loop: the loop hands a chunk over and goes on scoring. The file written is byte for
 * byte the one the same writer writes on this thread.
 *
 * openWriter finds the worker's script (main/data/data-worker.ts); without one it writes on this thread.
 */
import { rm } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { errorFromPayload, type StudioError } from '../../contract/errors';
import { startDataWorker } from './data-worker';
import type { OutputColumn, TableWriter } from '../../contract/data-types';
import type { FromWriter, ToWriter, WriteBehindStart } from './write-behind-protocol';
import type { ResumableWriter, WrittenSoFar } from './written-so-far';

/** Chunks handed over and not yet written: bounds the memory they hold. */
const WRITE_BEHIND_DEPTH = 3;

export class WriteBehindWriter implements TableWriter, ResumableWriter {
  private readonly worker: Worker;
  /** One resolver per request sent, answered in order. */
  private readonly pending: ((reply: FromWriter) => void)[] = [];
  private readonly inFlight: Promise<FromWriter>[] = [];
  private failure: StudioError | null = null;

  constructor(
    private readonly start: WriteBehindStart,
    script: string,
    /** A tracked output: what is in the file after each chunk, in order, as the worker writes it. */
    private readonly onWritten?: (written: WrittenSoFar) => void,
  ) {
    this.worker = startDataWorker(script, start);
    this.worker.on('message', (reply: FromWriter) => this.pending.shift()?.(reply));
    this.worker.on('error', (error) => this.failAll(error.message));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.failAll(`the writer thread exited with code ${code}`);
    });
  }

  async write(columns: readonly OutputColumn[]): Promise<void> {
    this.throwIfFailed();
    this.inFlight.push(this.send({ type: 'write', columns: [...columns] }, handedOverBuffers(columns)));
    while (this.inFlight.length > WRITE_BEHIND_DEPTH) this.check(await this.inFlight.shift()!);
  }

  async finish(): Promise<void> {
    while (this.inFlight.length > 0) this.check(await this.inFlight.shift()!);
    this.check(await this.send({ type: 'finish' }));
    await this.worker.terminate();
  }

  /** Waits for what was handed over, then closes the file and keeps it. Never throws. */
  async close(): Promise<void> {
    // The chunks written before the stop still count (their answers report them).
    for (const reply of await Promise.all(this.inFlight.splice(0))) {
      if (reply.type === 'error') this.failure ??= errorFromPayload(reply.error);
      else if (reply.written && !this.failure) this.onWritten?.(reply.written);
    }
    await this.send({ type: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }

  async abort(): Promise<void> {
    await Promise.allSettled(this.inFlight.splice(0));
    await this.send({ type: 'abort' }).catch(() => undefined);
    await this.worker.terminate();
    // Whatever the worker managed, nothing may remain at the path.
    await rm(this.start.path, { force: true }).catch(() => undefined);
  }

  private send(message: ToWriter, transfer: ArrayBuffer[] = []): Promise<FromWriter> {
    return new Promise<FromWriter>((resolve) => {
      this.pending.push(resolve);
      this.worker.postMessage(message, transfer);
    });
  }

  private check(reply: FromWriter): void {
    if (reply.type === 'error') {
      this.failure ??= errorFromPayload(reply.error);
    } else if (reply.written && !this.failure) {
      this.onWritten?.(reply.written);
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private failAll(detail: string): void {
    const reply: FromWriter = {
      type: 'error',
      error: { code: 'internal', message: `Writing ${this.start.path} stopped unexpectedly.`, detail },
    };
    for (const resolve of this.pending.splice(0)) resolve(reply);
  }
}

/**
 * The buffers of the columns made for this write alone (`handOver`), each holding just that
 * column: moved to the writer's thread, not copied (copying cost the scoring thread ~2 ms a chunk).
 */
function handedOverBuffers(columns: readonly OutputColumn[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const column of columns) {
    if (!column.handOver || column.kind === 'string') continue;
    const { buffer, byteLength } = column.values;
    if (buffer instanceof ArrayBuffer && buffer.byteLength === byteLength && !buffers.includes(buffer))
      buffers.push(buffer);
  }
  return buffers;
}
