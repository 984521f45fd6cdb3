import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig: safe defaults at the API edge', () => {
  it('listens on loopback in embedded mode, on every interface with DATABASE_URL, HOST wins', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1');
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }).host, '0.0.0.0');
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
  });

  it('opens introspection only in development or when asked; /metrics is private by default', () => {
    assert.equal(loadConfig({}).graphqlIntrospection, false);
    assert.equal(loadConfig({ NODE_ENV: 'production' }).graphqlIntrospection, false);
    assert.equal(loadConfig({ NODE_ENV: 'development' }).graphqlIntrospection, true);
    assert.equal(loadConfig({ GRAPHQL_INTROSPECTION: 'true' }).graphqlIntrospection, true);
    assert.equal(loadConfig({}).metricsPublic, false);
    assert.equal(loadConfig({ METRICS_PUBLIC: 'true' }).metricsPublic, true);
  });

  it('names bad flags, short metrics tokens and bad proxy entries', () => {
    assert.throws(
      () =>
        loadConfig({ METRICS_PUBLIC: 'maybe', METRICS_TOKEN: 'short', TRUSTED_PROXIES: '10.0.0.1, nope' }),
      (error: Error) =>
        /METRICS_PUBLIC/.test(error.message) &&
        /METRICS_TOKEN/.test(error.message) &&
        /TRUSTED_PROXIES: "nope"/.test(error.message),
    );
  });
});
