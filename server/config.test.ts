import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded PGlite setup on port 8000 when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8000);
    assert.equal(config.dataDir, './data');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.eventStore, 'postgres');
  });

  it('treats empty strings as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '', PORT: '' }).port, 8000);
  });

  it('names every bad variable in one error', () => {
    assert.throws(
      () =>
        loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', EVENT_STORE: 'mongo', JWT_SECRET: 'short' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.problems.join('\n');
        for (const name of ['PORT', 'DATABASE_URL', 'EVENT_STORE', 'JWT_SECRET'])
          assert.match(text, new RegExp(name));
        return true;
      },
    );
  });

  it('requires KURRENTDB_URL with EVENT_STORE=kurrentdb', () => {
    assert.throws(() => loadConfig({ EVENT_STORE: 'kurrentdb' }), /KURRENTDB_URL: required/);
    const config = loadConfig({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: 'kurrentdb://localhost:2113?tls=false',
    });
    assert.equal(config.kurrentDbUrl, 'kurrentdb://localhost:2113?tls=false');
  });
});
