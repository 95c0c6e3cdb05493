/** The local scoring service (`serve-model`, the Export page's service card). */

export interface ServiceStats {
  requests: number;
  errors: number;
  rows: number;
  /** ONNX Runtime calls; fewer than requests when micro-batching joins them. */
  batches: number;
  requestsPerSec: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface ServiceStatus {
  running: boolean;
  url: string | null;
  host: string | null;
  port: number | null;
  tokenRequired: boolean;
  ensembleName: string | null;
  specHash: string | null;
  startedAt: string | null;
  /** A ready-to-paste request against the running service. */
  curlExample: string | null;
  stats: ServiceStats | null;
  /** Why the last start failed or the service stopped, when it did on its own. */
  error: string | null;
}

/** The status when no service runs. */
export const SERVICE_STOPPED: Readonly<ServiceStatus> = {
  running: false,
  url: null,
  host: null,
  port: null,
  tokenRequired: false,
  ensembleName: null,
  specHash: null,
  startedAt: null,
  curlExample: null,
  stats: null,
  error: null,
};
