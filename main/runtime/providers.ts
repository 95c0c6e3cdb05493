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
import type { Provider, ProviderInfo } from '../../preload/contract';

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

/** Providers compiled into (or installable for) this onnxruntime-node build. */
export function listProviders(): ProviderInfo[] {
  const ort = require('onnxruntime-node') as typeof Ort;
  return ort.listSupportedBackends().map((b) => ({ name: b.name, bundled: b.bundled }));
}

/** The onnxruntime-node version, from its package (no native library needed). */
export function onnxruntimeVersion(): string {
  return (require('onnxruntime-node/package.json') as { version: string }).version;
}
