/**
 * Entry point of the engine host process: ONNX Runtime, file parsing and one job per process.
 *
 * Started by the engine with child_process.fork (CLI, bridge, tests) or Electron's utilityProcess
 * (desktop app). It speaks the job protocol (jobs/protocol.ts) over the parent port and exits when
 * its job ends or its parent goes away.
 */
// First: ONNX Runtime must not start its telemetry (main/runtime/no-telemetry.ts).
import '../runtime/no-telemetry';
import { toErrorPayload, StudioError } from '../../contract/errors';
import { peakRssBytes } from '../environment/peak-rss';
import type { HostMessage, JobRequest, ParentMessage } from '../jobs/protocol';
import { runJob } from '../jobs/run-job';
import { discardOutput } from '../jobs/atomic-output';
import { connectToParent } from './parent-port';
import { watchParent } from './parent-watchdog';
import { isServiceParentMessage } from '../serve/protocol';
import { handleServiceMessage } from '../serve/service-host';
import { prewarmDataWorkers, warmDataWorkersFor } from '../data/data-worker';

/** How long after start the parent watchdog begins (a service starts it at once). */
const WATCHDOG_DELAY_MS = 5000;

const port = connectToParent();
// Between chunks the event loop sees the parent go (onDisconnect below); the watchdog thread is for
// a main thread blocked in one long session.run. A job that ends within seconds never
// needs it, and a worker thread's start costs ~70 ms of CPU, which a short run's start-up feels.
const parentPid = process.ppid;
setTimeout(() => watchParent(parentPid), WATCHDOG_DELAY_MS).unref();
/** The running job; `tempOutput` is what to remove if the parent dies (not a resumable partial). */
let current: { jobId: string; controller: AbortController; tempOutput?: string } | null = null;

// The engine starts a host before it has checked the job (main/engine/job-manager.ts): while it
// does, the scoring code loads here, with ONNX Runtime (DuckDB loads when a read needs it). A job that arrives first simply
// waits on the same imports.
void import('../jobs/scoring-session').catch(() => undefined);
// …and the data workers start, so the first job does not wait for their modules to load.
prewarmDataWorkers();

// Ctrl-C in a terminal reaches the whole process group; the parent decides what a cancel means.
process.on('SIGINT', () => undefined);

port.onMessage((message: ParentMessage) => {
  // Told to serve instead: this process is the scoring service (main/serve) until stopped.
  if (isServiceParentMessage(message)) {
    if (!current) {
      // A service runs for as long as it is told to: watched from the start.
      watchParent(parentPid);
      handleServiceMessage(port, message);
    }
    return;
  }
  if (message.type === 'cancel') {
    if (current?.jobId === message.jobId) current.controller.abort();
    return;
  }
  if (message.type === 'start' && !current) {
    const { request } = message;
    warmDataWorkersFor({
      input: 'input' in request && typeof request.input === 'string' ? request.input : null,
      output: 'output' in request && typeof request.output === 'string' ? request.output : null,
    });
    const controller = new AbortController();
    current = {
      jobId: message.jobId,
      controller,
      tempOutput: keptForResume(message.request) ? undefined : message.request.tempOutput,
    };
    void execute(message.jobId, message.request, controller.signal);
  }
});

// A parent that died (kill -9 of the CLI) leaves no one to rename or report: clean up and go.
port.onDisconnect(() => {
  const temp = current?.tempOutput;
  void (temp ? discardOutput(temp) : Promise.resolve()).finally(() => process.exit(1));
});

/**
 * A resumable score's partial output stays when the run stops early: `score --resume` continues
 * it, and the engine removes it when the run fails for any other reason (main/engine/score-extras.ts).
 */
function keptForResume(request: JobRequest): boolean {
  return 'checkpoint' in request && request.checkpoint !== undefined;
}

async function execute(jobId: string, request: JobRequest, signal: AbortSignal): Promise<void> {
  let reply: HostMessage;
  try {
    const result = await runJob(request, {
      jobId,
      signal,
      progress: (progress) => port.send({ jobId, progress }),
    });
    // Peak memory of this process, for the run record and the benchmark.
    reply = { jobId, result: { ...result, hostPeakRssBytes: peakRssBytes() } };
  } catch (error) {
    if (request.tempOutput && !keptForResume(request)) await discardOutput(request.tempOutput);
    const payload = signal.aborted
      ? new StudioError('cancelled', 'cancelled').toPayload()
      : toErrorPayload(error);
    reply = { jobId, error: payload };
  }
  port.send(reply);
  await port.flush();
  process.exit(0);
}
