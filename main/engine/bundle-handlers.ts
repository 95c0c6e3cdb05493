/** The contract's `bundles.*` calls. */
import type { Handlers } from '../../contract/contract';
import type { EngineServices } from './engine-services';

type BundleCalls = 'bundles.create' | 'bundles.verify' | 'bundles.open' | 'bundles.keygen';

export function bundleHandlers(services: EngineServices): Pick<Handlers, BundleCalls> {
  void services;
  const notYet = async (): Promise<never> => {
    throw new Error('bundles: being built');
  };
  return {
    'bundles.create': notYet,
    'bundles.verify': notYet,
    'bundles.open': notYet,
    'bundles.keygen': notYet,
  };
}
