/** The contract's `shards.merge` call. */
import type { Handlers } from '../../contract/contract';
import type { EngineServices } from './engine-services';

export function shardHandlers(services: EngineServices): Pick<Handlers, 'shards.merge'> {
  void services;
  return {
    'shards.merge': async () => {
      throw new Error('merge: being built');
    },
  };
}
