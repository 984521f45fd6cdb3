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

  it('turns the OpenTelemetry export on with an OTLP endpoint, off with OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none', () => {
    assert.equal(loadConfig({}).otelTraceExport, null);
    const endpoint = 'http://127.0.0.1:4318';
    assert.deepEqual(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }).otelTraceExport, {
      protocol: 'http/json',
    });
    assert.deepEqual(
      loadConfig({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces`,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      }).otelTraceExport,
      { protocol: 'http/protobuf' },
    );
    assert.equal(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED: 'true' }).otelTraceExport,
      null,
    );
    assert.equal(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_EXPORTER: 'none' }).otelTraceExport,
      null,
    );
    assert.throws(
      () =>
        loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.problems.join('\n');
        assert.match(text, /OTEL_EXPORTER_OTLP_ENDPOINT: must be a URL/);
        assert.match(text, /OTEL_EXPORTER_OTLP_PROTOCOL: .*gRPC is not supported/);
        return true;
      },
    );
  });

  it('reads named OpenAI-compatible endpoints from OPENAI_COMPATIBLE_<NAME>_* variables', () => {
    const config = loadConfig({
      OPENAI_API_KEY: 'sk-default',
      OPENAI_COMPATIBLE_LOCAL_LLM_BASE_URL: 'http://localhost:11434/v1',
      OPENAI_COMPATIBLE_LOCAL_LLM_MODELS: 'llama3.1:8b, qwen2.5:7b,,llama3.1:8b',
      OPENAI_COMPATIBLE_GATEWAY_BASE_URL: 'https://gateway.example/v1',
      OPENAI_COMPATIBLE_GATEWAY_API_KEY: 'sk-gw',
      OPENAI_COMPATIBLE_EMPTY_BASE_URL: '',
    });
    assert.equal(config.openaiApiKey, 'sk-default', 'the default endpoint keeps working beside them');
    assert.deepEqual(config.openaiCompatible, [
      { name: 'gateway', baseUrl: 'https://gateway.example/v1', apiKey: 'sk-gw', models: [] },
      { name: 'local-llm', baseUrl: 'http://localhost:11434/v1', models: ['llama3.1:8b', 'qwen2.5:7b'] },
    ]);
    assert.deepEqual(loadConfig({}).openaiCompatible, []);
  });

  it('names every bad OPENAI_COMPATIBLE_* variable', () => {
    assert.throws(
      () =>
        loadConfig({
          OPENAI_COMPATIBLE_NOURL_API_KEY: 'k',
          OPENAI_COMPATIBLE_BAD_BASE_URL: 'ftp://x',
          OPENAI_COMPATIBLE_DEMO_BASE_URL: 'http://x',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          'OPENAI_COMPATIBLE_BAD_BASE_URL: must be an http:// or https:// URL without user or password (e.g. http://localhost:11434/v1)',
          'OPENAI_COMPATIBLE_DEMO_*: "demo" is a built-in provider; use OPENAI_API_KEY / OPENAI_BASE_URL for it, or choose another name',
          'OPENAI_COMPATIBLE_NOURL_BASE_URL: is required when OPENAI_COMPATIBLE_NOURL_API_KEY or _MODELS is set',
        ]);
        assert.doesNotMatch(error.message, /\bk\b.*NOURL|sk-/);
        return true;
      },
    );
  });

  it('reads the web_search keys and API base URLs', () => {
    const config = loadConfig({
      BRAVE_API_KEY: 'brave',
      TAVILY_API_KEY: 'tvly',
      TAVILY_API_BASE_URL: 'http://127.0.0.1:9/tavily',
    });
    assert.deepEqual(
      [config.braveApiKey, config.braveApiBaseUrl, config.tavilyApiKey, config.tavilyApiBaseUrl],
      ['brave', undefined, 'tvly', 'http://127.0.0.1:9/tavily'],
    );
    assert.throws(() => loadConfig({ BRAVE_API_BASE_URL: 'api.search.brave.com' }), /BRAVE_API_BASE_URL/);
  });
  it('reads PUBLIC_URL without its trailing slash and NOTIFICATION_ALLOW_HOSTS as a list', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://ops.example.com/',
      NOTIFICATION_ALLOW_HOSTS: ' 127.0.0.1, hooks.lan ,',
    });
    assert.equal(config.publicUrl, 'https://ops.example.com');
    assert.deepEqual(config.notificationAllowHosts, ['127.0.0.1', 'hooks.lan']);
    assert.deepEqual(loadConfig({}).notificationAllowHosts, []);
    assert.throws(() => loadConfig({ PUBLIC_URL: 'ops.example.com' }), /PUBLIC_URL: must be a URL/);
  });

  it('reads the approval defaults: APPROVAL_TIMEOUT, APPROVAL_ON_EXPIRY, APPROVAL_ESCALATE_TO', () => {
    assert.deepEqual(loadConfig({}).approvals, {});
    assert.deepEqual(
      loadConfig({
        APPROVAL_TIMEOUT: '90m',
        APPROVAL_ON_EXPIRY: 'escalate',
        APPROVAL_ESCALATE_TO: 'role:admin',
      }).approvals,
      { timeoutMs: 5_400_000, onExpiry: 'escalate', escalateTo: { role: 'admin' } },
    );
    assert.deepEqual(loadConfig({ APPROVAL_ESCALATE_TO: 'a@example.com, b@example.com' }).approvals, {
      escalateTo: { users: ['a@example.com', 'b@example.com'] },
    });
    assert.throws(
      () =>
        loadConfig({
          APPROVAL_TIMEOUT: '31d',
          APPROVAL_ON_EXPIRY: 'ignore',
          APPROVAL_ESCALATE_TO: 'role:intern',
        }),
      (error: unknown) =>
        error instanceof ConfigError &&
        ['APPROVAL_TIMEOUT', 'APPROVAL_ON_EXPIRY', 'APPROVAL_ESCALATE_TO'].every((name) =>
          error.problems.some((problem) => problem.startsWith(name)),
        ),
    );
  });
  it('reads SPARK_ROLES: every role by default, any of api, worker, projections comma-separated', () => {
    assert.deepEqual(loadConfig({}).roles, ['api', 'worker', 'projections']);
    assert.deepEqual(loadConfig({ SPARK_ROLES: 'worker' }).roles, ['worker']);
    assert.deepEqual(loadConfig({ SPARK_ROLES: ' projections , api,api ' }).roles, ['api', 'projections']);
    for (const bad of ['apis', 'api,,worker', 'api;worker', 'API', ',']) {
      assert.throws(
        () => loadConfig({ SPARK_ROLES: bad }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.problems.length, 1, bad);
          assert.match(
            error.problems[0] ?? '',
            /^SPARK_ROLES: must be any of api, worker, projections, comma-separated \(e\.g\. api,worker\); .+ is not a role$/,
          );
          return true;
        },
      );
    }
    assert.throws(() => loadConfig({ SPARK_ROLES: 'api,scheduler' }), /"scheduler" is not a role/);
  });

  it('reads RUN_LEASE and PROJECTION_LEASE (defaults 30s and 5s, from 1s to 10m)', () => {
    const config = loadConfig({});
    assert.equal(config.runLeaseMs, 30_000);
    assert.equal(config.projectionLeaseMs, 5000);
    const tuned = loadConfig({ RUN_LEASE: '3s', PROJECTION_LEASE: '1500ms' });
    assert.equal(tuned.runLeaseMs, 3000);
    assert.equal(tuned.projectionLeaseMs, 1500);
    assert.throws(
      () => loadConfig({ RUN_LEASE: '500ms', PROJECTION_LEASE: '1h' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          'RUN_LEASE: must be a duration from 1s to 10m (e.g. 5s)',
          'PROJECTION_LEASE: must be a duration from 1s to 10m (e.g. 5s)',
        ]);
        return true;
      },
    );
  });
});
