/**
 * The write-behind worker: formats and writes output chunks on its own thread (CSV formatting of
 * numbers is as costly as inference), answering each request in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../contract/errors';
import type { TableWriter } from '../../contract/data-types';
import { openWriter } from './open-writer';
import type { FromWriter, ToWriter, WriteBehindStart } from './write-behind-protocol';

function serve(port: NonNullable<typeof parentPort>, start: WriteBehindStart): void {
  let writer: Promise<TableWriter> | null = null;
  const open = () =>
    (writer ??= openWriter(start.path, start.format, { escapeFormulas: start.escapeFormulas }));
  // Requests are handled one after another: a chain of promises keeps their order.
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (message: ToWriter) => {
    chain = chain.then(async () => {
      let reply: FromWriter;
      try {
        const w = await open();
        if (message.type === 'write') await w.write(message.columns);
        else if (message.type === 'finish') await w.finish();
        else await w.abort();
        reply = { type: 'ok' };
      } catch (error) {
        reply = { type: 'error', error: toErrorPayload(error) };
      }
      port.postMessage(reply);
    });
  });
}

if (parentPort) serve(parentPort, workerData as WriteBehindStart);
