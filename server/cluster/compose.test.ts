// docker-compose.yml describes the roles the code knows: one service per role (SPARK_ROLES), each
// with a configuration the server accepts. No Docker engine here: the file is parsed and checked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig, ROLES } from '../config.ts';

interface ComposeService {
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };

const spark = Object.entries(compose.services).filter(([, service]) => service.environment?.SPARK_ROLES);
const environment = (service: ComposeService) =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]));

describe('docker-compose.yml and SPARK_ROLES', () => {
  it('has one Spark-Ops service per role the code knows, named after it', () => {
    assert.deepEqual(spark.map(([name]) => name).sort(), [...ROLES].sort());
    for (const [name, service] of spark) assert.equal(service.environment?.SPARK_ROLES, name);
  });

  it('gives every role service a configuration the server accepts, over KurrentDB and PostgreSQL', () => {
    for (const [name, service] of spark) {
      const config = loadConfig(environment(service));
      assert.deepEqual(config.roles, [name]);
      assert.equal(config.eventStore, 'kurrentdb', name);
      assert.match(config.kurrentDbUrl ?? '', /^kurrentdb:\/\/kurrentdb:2113/, name);
      assert.match(config.databaseUrl ?? '', /@postgres:5432\//, name);
      assert.deepEqual(Object.keys(service.depends_on ?? {}).sort(), ['kurrentdb', 'postgres'], name);
      // Every role answers /health on its PORT, which is what the health check asks.
      assert.ok(
        service.healthcheck?.test.some((part) => part.includes(`localhost:${config.port}/health`)),
        `${name} probes /health on port ${config.port}`,
      );
    }
  });

  it('publishes a port for the api only (workers and projections serve probes, not users)', () => {
    for (const [name, service] of spark) assert.equal(Boolean(service.ports?.length), name === 'api', name);
  });

  it('has no service running every role at once beside the role services', () => {
    const others = Object.entries(compose.services).filter(
      ([, service]) =>
        (service as { build?: unknown }).build !== undefined && !service.environment?.SPARK_ROLES,
    );
    assert.deepEqual(
      others.map(([name]) => name),
      [],
    );
  });
});
