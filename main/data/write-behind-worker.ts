/**
 * The write-behind worker: formats and writes output chunks on its own thread (CSV formatting of
 * numbers is as costly as inference), answering each request in order.
 */
import type { parentPort } from 'node:worker_threads';
import { toErrorPayload } from '../../contract/errors';
import type { TableWriter } from '../../contract/data-types';
import { openTrackedWriter, openWriter, type TextFormat } from './open-writer';
import type { ResumableWriter, WrittenSoFar } from './written-so-far';
import { onDataWorkerStart } from './data-worker';
import type { FromWriter, ToWriter, WriteBehindStart } from './write-behind-protocol';

function serve(port: NonNullable<typeof parentPort>, start: WriteBehindStart): void {
  let writer: Promise<TableWriter | ResumableWriter> | null = null;
  let written: WrittenSoFar | undefined;
  const open = () =>
    (writer ??= start.track
      ? openTrackedWriter(start.path, start.format as TextFormat, {
          escapeFormulas: start.escapeFormulas,
          resume: start.track.resume,
          onWritten: (w) => (written = w),
        })
      : openWriter(start.path, start.format, { escapeFormulas: start.escapeFormulas }));
  // Requests are handled one after another: a chain of promises keeps their order.
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (message: ToWriter) => {
    chain = chain.then(async () => {
      let reply: FromWriter;
      try {
        const w = await open();
        written = undefined;
        if (message.type === 'write') await w.write(message.columns);
        else if (message.type === 'finish') await w.finish();
        else if (message.type === 'close' && start.track) await (w as ResumableWriter).close();
        else await w.abort();
        reply = written ? { type: 'ok', written } : { type: 'ok' };
      } catch (error) {
        reply = { type: 'error', error: toErrorPayload(error) };
      }
      port.postMessage(reply);
    });
  });
}

onDataWorkerStart<WriteBehindStart>(
  serve,
  // A Parquet output's writer and its compressor load now, before the first rows arrive.
  () =>
    void import('./parquet-writer')
      .then(({ warmParquetWriter }) => warmParquetWriter())
      .catch(() => undefined),
);
