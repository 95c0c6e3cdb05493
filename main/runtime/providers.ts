/**
 * Execution providers: what this build of ONNX Runtime offers, and the mapping from the app's
 * provider names to ONNX Runtime's.
 *
 * The engine process (CLI, bridge, Electron main) asks these questions rarely and never runs a
 * model, so ONNX Runtime's native library is loaded here only when a question needs it: a
 * `history list` should not pay for it.
 */
import { createRequire } from 'node:module';
import type * as Ort from 'onnxruntime-node';
import type { Provider, ProviderInfo } from '../../contract/contract';

const require = createRequire(import.meta.url);

/** App name → the backend names ONNX Runtime reports for it. */
const ORT_NAMES: Record<Provider, string> = {
  cpu: 'cpu',
  webgpu: 'webgpu',
  cuda: 'cuda',
  dml: 'dml',
  coreml: 'coreml',
};

export function ortProviderName(provider: Provider): string {
  return ORT_NAMES[provider];
}

/**
 * Providers compiled into (or installable for) this onnxruntime-node build, each with whether a job
 * can ask for it here and, when not, why. A provider the app has no name for is listed as not
 * available: a job could not ask for it.
 */
export function listProviders(): ProviderInfo[] {
  const ort = require('onnxruntime-node') as typeof Ort;
  const known = new Set<string>(Object.values(ORT_NAMES));
  return ort.listSupportedBackends().map((b) => {
    const reason = !known.has(b.name)
      ? 'Ensemble Studio does not drive this provider yet'
      : !b.bundled
        ? 'not installed in this build: it is a separate download (see the README, "Execution providers")'
        : null;
    return { name: b.name, bundled: b.bundled, available: reason === null, reason };
  });
}

/** The onnxruntime-node version, from its package (no native library needed). */
export function onnxruntimeVersion(): string {
  return (require('onnxruntime-node/package.json') as { version: string }).version;
}
