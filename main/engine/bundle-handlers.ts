/** The contract's `bundles.*` calls: thin over main/bundle, with the engine's protected files. */
import type { Handlers } from '../../contract/contract';
import type { EngineServices } from './engine-services';

type BundleCalls = 'bundles.create' | 'bundles.verify' | 'bundles.open' | 'bundles.keygen';

// The zip libraries load on first use, not for every command that starts an engine.
const bundles = () => import('../bundle');

export function bundleHandlers(services: EngineServices): Pick<Handlers, BundleCalls> {
  return {
    'bundles.create': async (request) => (await bundles()).createBundle(request, services),
    'bundles.verify': async ({ path, publicKey }) =>
      (await bundles()).verifyBundle(path, publicKey ? { publicKey } : {}),
    'bundles.open': async ({ path, to, publicKey }) =>
      (await bundles()).openBundle(path, to, publicKey ? { publicKey } : {}),
    'bundles.keygen': async ({ output, overwrite }) =>
      (await bundles()).generateBundleKey(output, overwrite, services.historyPath, services.busyOutputs()),
  };
}
