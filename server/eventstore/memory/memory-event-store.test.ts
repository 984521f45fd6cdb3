import { contractCatalogue, describeEventStoreContract } from '../contract.ts';
import { createMemoryEventStore } from './memory-event-store.ts';

describeEventStoreContract('memory', async () => {
  const store = createMemoryEventStore({ catalogue: contractCatalogue });
  return { store, cleanup: () => store.close() };
});
