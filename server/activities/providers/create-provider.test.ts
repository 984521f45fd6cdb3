import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'vitest';
import { createReasoningProviders } from './create-provider.ts';
import { DEMO_MODEL } from './demo-provider.ts';
import { ProviderError } from './provider.ts';
import {
  openAiSse,
  recordingSleep,
  sampleRequest,
  startWireServer,
  type WireServer,
} from './provider-testkit.ts';

describe('reasoning provider registry', () => {
  let server: WireServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('always has the demo, and names the variable to set for a missing provider', async () => {
    const registry = createReasoningProviders({ openaiApiKey: '', anthropicApiKey: '  ' });
    assert.deepEqual(
      registry.status().map(({ name, configured }) => ({ name, configured })),
      [
        { name: 'openai', configured: false },
        { name: 'anthropic', configured: false },
        { name: 'demo', configured: true },
      ],
    );
    assert.throws(
      () => registry.get('openai'),
      (error) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.message, 'provider openai is not configured: set OPENAI_API_KEY');
        assert.equal(error.code, 'NOT_CONFIGURED');
        assert.equal(error.retryable, false);
        return true;
      },
    );
    assert.throws(() => registry.get('anthropic'), {
      message: 'provider anthropic is not configured: set ANTHROPIC_API_KEY',
    });
    const answer = await registry
      .get('demo')
      .reason(sampleRequest({ provider: 'demo', model: DEMO_MODEL }), {});
    assert.equal(answer.model, DEMO_MODEL);
  });

  it('configures an OpenAI-compatible server by its base URL alone, with retries applied', async () => {
    server = await startWireServer([
      { status: 503, body: { error: { message: 'warming up' } } },
      openAiSse({
        id: 'c',
        object: 'chat.completion',
        created: 1,
        model: 'llama3.1:8b',
        choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      }),
    ]);
    const { sleeps, sleep } = recordingSleep();
    const registry = createReasoningProviders({ openaiBaseUrl: `${server.url}/v1`, retry: { sleep } });
    const status = registry.status().find((s) => s.name === 'openai');
    assert.deepEqual(status, {
      name: 'openai',
      configured: true,
      reason: `OpenAI-compatible endpoint ${server.url}/v1 (no API key)`,
    });
    const answer = await registry.get('openai').reason(sampleRequest({ model: 'llama3.1:8b' }), {});
    assert.equal(answer.text, 'hi');
    assert.equal(answer.costUsd, 0, 'local models are not in the price table');
    assert.deepEqual(answer.usage, { inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0 });
    assert.equal(sleeps.length, 1);
  });

  it('configures Anthropic with a key and its base URL', () => {
    const registry = createReasoningProviders({
      anthropicApiKey: 'sk-ant',
      anthropicBaseUrl: 'http://127.0.0.1:1',
    });
    assert.equal(registry.get('anthropic').name, 'anthropic');
    assert.equal(
      registry.status().find((s) => s.name === 'anthropic')?.reason,
      'Anthropic API at http://127.0.0.1:1',
    );
  });

  it('builds one provider per named OpenAI-compatible endpoint, each reaching its own server', async () => {
    const reply = (model: string, content: string) =>
      openAiSse({
        id: 'c',
        object: 'chat.completion',
        created: 1,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      });
    const local = await startWireServer([reply('llama3.1:8b', 'from local')]);
    const gateway = await startWireServer([reply('mixtral', 'from gateway')]);
    try {
      const registry = createReasoningProviders({
        openaiApiKey: 'sk-default',
        openaiCompatible: [
          { name: 'local', baseUrl: `${local.url}/v1`, models: ['llama3.1:8b'] },
          { name: 'gateway', baseUrl: `${gateway.url}/v1`, apiKey: 'sk-gateway', models: [] },
        ],
      });
      const [fromLocal, fromGateway] = await Promise.all([
        registry.get('openai', 'local').reason(sampleRequest({ model: 'llama3.1:8b' }), {}),
        registry.get('openai', 'gateway').reason(sampleRequest({ model: 'mixtral' }), {}),
      ]);
      assert.deepEqual([fromLocal.text, fromGateway.text], ['from local', 'from gateway']);
      assert.equal(local.requests[0]?.headers.authorization, 'Bearer not-needed');
      assert.equal(gateway.requests[0]?.headers.authorization, 'Bearer sk-gateway');
      assert.notEqual(registry.get('openai'), registry.get('openai', 'local'), 'the default stays its own');
      assert.deepEqual(
        registry.status().filter((s) => s.endpoint),
        [
          {
            name: 'openai',
            configured: true,
            reason: `OpenAI-compatible endpoint ${local.url}/v1 (no API key)`,
            endpoint: 'local',
            baseUrl: `${local.url}/v1`,
            models: ['llama3.1:8b'],
          },
          {
            name: 'openai',
            configured: true,
            reason: `OpenAI-compatible endpoint ${gateway.url}/v1`,
            endpoint: 'gateway',
            baseUrl: `${gateway.url}/v1`,
            models: [],
          },
        ],
      );
      assert.doesNotMatch(JSON.stringify(registry.status()), /sk-gateway/);
      assert.throws(() => registry.get('openai', 'other'), {
        code: 'NOT_CONFIGURED',
        message:
          'OpenAI-compatible endpoint other is not configured: set OPENAI_COMPATIBLE_OTHER_BASE_URL (configured: local, gateway)',
      });
      assert.throws(() => registry.get('anthropic', 'local'), { code: 'NOT_CONFIGURED' });
    } finally {
      await local.close();
      await gateway.close();
    }
  });
});
