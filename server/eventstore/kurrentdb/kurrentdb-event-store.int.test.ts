import assert from 'node:assert/strict';
import { test } from 'vitest';
import { contractCatalogue, describeEventStoreContract } from '../contract.ts';
import { createKurrentDbEventStore } from './kurrentdb-event-store.ts';

// KurrentDB cannot run on our development machines, so this suite runs only where KURRENTDB_URL
// points at a server (e.g. `docker compose up kurrentdb`, then
// KURRENTDB_URL='kurrentdb://localhost:2113?tls=false'). A KurrentDB cannot be emptied: the contract
// gives every test its own stream prefix and filters global reads by it, so runs never collide.
// Without KURRENTDB_URL vitest.config.ts leaves this file out and scripts/test.mjs says so.
const url = process.env.KURRENTDB_URL;

if (url) {
  describeEventStoreContract('kurrentdb', async () => {
    const store = createKurrentDbEventStore({ connectionString: url, catalogue: contractCatalogue });
    return { store, cleanup: () => store.close() };
  });
} else if (process.env.CI === 'true' && process.env.KURRENTDB_REQUIRED === 'true') {
  test('KurrentDB contract suite', () => {
    assert.fail('KURRENTDB_REQUIRED=true under CI, but KURRENTDB_URL is not set');
  });
} else {
  console.log('KurrentDB contract suite did not run: KURRENTDB_URL is not set');
}
