import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'vitest';
import { createReasoningProviders } from './create-provider.ts';
import { DEMO_MODEL } from './demo-provider.ts';
import { ProviderError } from './provider.ts';
import { recordingSleep, sampleRequest, startWireServer, type WireServer } from './provider-testkit.ts';

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
      {
        body: {
          id: 'c',
          object: 'chat.completion',
          created: 1,
          model: 'llama3.1:8b',
          choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
        },
      },
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
});
