/**
 * Messages between the engine and the scoring service's process (the engine host entry, told to
 * serve instead of running a job). The engine sends `serve` once, then asks for stats or a stop,
 * each with an id its reply carries; the service answers `ready` or `failed` to `serve`.
 */
import type { StudioErrorPayload } from '../../contract/errors';
import type { EnsembleSpec } from '../../contract/ensemble-spec';
import type { Provider } from '../../contract/contract';
import type { ServiceStats } from '../../contract/service-types';

/** What the service process needs: everything resolved by the engine. */
export interface ServeRequest {
  spec: EnsembleSpec;
  /** Folder the members' model paths are relative to. */
  baseDir: string;
  /** sha256 of the spec's canonical JSON, as the history keys versions. */
  specHash: string;
  host: string;
  port: number;
  token: string | null;
  provider: Provider;
  threads?: number;
  maxBodyBytes: number;
  batchWaitMs: number;
  maxBatchRows: number;
}

export type ServiceParentMessage =
  | { type: 'serve'; request: ServeRequest }
  | { type: 'serve-stats'; id: number }
  | { type: 'serve-stop'; id: number };

export interface ServiceReady {
  /** The port bound (the one asked for, or the free one picked for 0). */
  port: number;
  /** The request columns the ensemble reads, in the order its members name them. */
  columns: string[];
  warnings: string[];
}

export type ServiceHostMessage =
  | { service: 'ready'; ready: ServiceReady }
  | { service: 'failed'; error: StudioErrorPayload }
  | { service: 'stats'; id: number; stats: ServiceStats }
  | { service: 'stopped'; id: number; stats: ServiceStats };

export function isServiceParentMessage(value: unknown): value is ServiceParentMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'serve' || type === 'serve-stats' || type === 'serve-stop';
}

export function isServiceHostMessage(value: unknown): value is ServiceHostMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { service?: unknown }).service === 'string'
  );
}
