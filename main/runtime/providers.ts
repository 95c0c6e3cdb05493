/**
 * Execution providers: what this build of ONNX Runtime offers, and the mapping from the app's
 * provider names to ONNX Runtime's.
 */
import * as ort from 'onnxruntime-node';
import type { Provider, ProviderInfo } from '../../preload/contract';

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
  return ort.listSupportedBackends().map((b) => ({ name: b.name, bundled: b.bundled }));
}

export function onnxruntimeVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}
