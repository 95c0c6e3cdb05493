/** The contract's `service.*` calls: the local scoring service, one at a time, in its own process. */
import type { Handlers } from '../../contract/contract';
import type { EngineServices } from './engine-services';

type ServiceCalls = 'service.start' | 'service.stop' | 'service.status';

export function serviceHandlers(
  services: EngineServices,
): Pick<Handlers, ServiceCalls> & { close(): Promise<void> } {
  void services;
  const notYet = async (): Promise<never> => {
    throw new Error('service: being built');
  };
  return { 'service.start': notYet, 'service.stop': notYet, 'service.status': notYet, close: async () => {} };
}
