/**
 * Opening an ONNX Runtime session on the requested execution provider, falling back to CPU.
 *
 * ONNX Runtime rejects a provider list such as ['webgpu', 'cpu'] outright when the first one
 * cannot start (no adapter, no CUDA libraries) instead of falling back, so each provider is tried
 * on its own and the fallback is ours, with a warning the run records.
 */
import * as ort from 'onnxruntime-node';
import type { Provider } from '../../contract/contract';
import { StudioError } from '../../contract/errors';
import { availableParallelism } from 'node:os';
import { conciseReason, sessionFailureText } from './ort-messages';
import { listProviders, ortProviderName } from './providers';

export interface SessionOptions {
  provider: Provider;
  threads?: number;
  /** Write ONNX Runtime's optimised graph here (machine-specific). */
  optimizedModelFilePath?: string;
}

export interface OpenedSession {
  session: ort.InferenceSession;
  /** The provider actually in use. */
  provider: Provider;
  /** Set when the requested provider could not start and CPU was used instead. */
  warning: string | null;
}

export async function createSession(
  bytes: Uint8Array,
  options: SessionOptions,
  label: { member?: string; file?: string } = {},
): Promise<OpenedSession> {
  const base: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    // Failures are reported by us, in one line; ONNX Runtime's own log would repeat them.
    logSeverityLevel: 4,
    intraOpNumThreads: options.threads ?? defaultIntraOpThreads(),
    interOpNumThreads: 1,
  };
  // The optimised graph is specific to the provider it was made for: a fallback to CPU writes none.
  const saving = options.optimizedModelFilePath
    ? { optimizedModelFilePath: options.optimizedModelFilePath }
    : {};
  let warning: string | null = null;
  if (options.provider !== 'cpu') {
    const name = ortProviderName(options.provider);
    const info = listProviders().find((p) => p.name === name);
    if (!info || !info.available) {
      // Asking ONNX Runtime for a provider it lacks gives a raw library error: say why here instead.
      warning =
        `provider ${options.provider} is not available here (` +
        `${info?.reason ?? 'this ONNX Runtime build does not include it'}); using cpu instead`;
    } else {
      try {
        const session = await ort.InferenceSession.create(bytes, {
          ...base,
          ...saving,
          executionProviders: [name],
        });
        return { session, provider: options.provider, warning: null };
      } catch (error) {
        warning = `provider ${options.provider} could not start on this machine (${conciseReason(error)}); using cpu instead`;
      }
    }
  }
  try {
    const session = await ort.InferenceSession.create(bytes, {
      ...base,
      ...(options.provider === 'cpu' ? saving : {}),
      executionProviders: ['cpu'],
    });
    return { session, provider: 'cpu', warning };
  } catch (error) {
    const what = `${label.file ?? 'the model'}${label.member ? ` (member ${label.member})` : ''}`;
    throw new StudioError(
      'model',
      `${what} cannot be loaded: ${sessionFailureText(error)}`,
      { file: label.file, member: label.member },
      error instanceof Error ? error.message : String(error),
    );
  }
}

/**
 * Half the cores by default: the data reader (DuckDB) parses the next chunk on its own threads
 * while ONNX Runtime scores this one, and on a small machine the two fighting over every core is
 * slower than sharing them (2 cores, 1M rows: 5.2 s with one intra-op thread, 8.7 s with two).
 */
export function defaultIntraOpThreads(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}
