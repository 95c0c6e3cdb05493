/** The contract's `bundles.*` calls: thin over main/bundle, with the engine's protected files. */
import type { Handlers } from '../../contract/contract';
import { createBundle, generateBundleKey, openBundle, verifyBundle } from '../bundle';
import type { EngineServices } from './engine-services';

type BundleCalls = 'bundles.create' | 'bundles.verify' | 'bundles.open' | 'bundles.keygen';

export function bundleHandlers(services: EngineServices): Pick<Handlers, BundleCalls> {
  return {
    'bundles.create': (request) => createBundle(request, services),
    'bundles.verify': ({ path, publicKey }) => verifyBundle(path, publicKey ? { publicKey } : {}),
    'bundles.open': ({ path, to, publicKey }) => openBundle(path, to, publicKey ? { publicKey } : {}),
    'bundles.keygen': ({ output, overwrite }) =>
      generateBundleKey(output, overwrite, services.historyPath, services.busyOutputs()),
  };
}
