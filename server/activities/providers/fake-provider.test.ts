import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { FINISH_TOOL } from '../../engine/conversation.ts';
import { createFakeProvider, FakeScriptExhaustedError, fakeFinish, fakeToolCall } from './fake-provider.ts';
import { ProviderError } from './provider.ts';
import { sampleRequest } from './provider-testkit.ts';
import { requestHash } from './request-hash.ts';

describe('fake provider', () => {
  it('plays its script in order and records every request', async () => {
    const fake = createFakeProvider([
      fakeToolCall('run_sql', { sql: 'SELECT 1' }, { text: 'querying' }),
      (request) => ({ text: `saw ${request.messages.length} messages` }),
      fakeFinish('done'),
    ]);
    const request = sampleRequest();
    const first = await fake.reason(request, {});
    assert.deepEqual(first.toolCalls, [
      { id: 'call_run_sql', name: 'run_sql', argumentsJson: '{"sql":"SELECT 1"}' },
    ]);
    assert.equal(first.text, 'querying');
    assert.equal(first.model, 'gpt-4o-mini');
    assert.equal(first.requestHash, requestHash(request));
    assert.deepEqual(first.usage, { inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0 });
    assert.equal((await fake.reason(request, {})).text, 'saw 4 messages');
    const finish = await fake.reason(request, {});
    assert.equal(finish.toolCalls[0]?.name, FINISH_TOOL);
    assert.deepEqual(JSON.parse(finish.toolCalls[0]?.argumentsJson ?? ''), { output: 'done' });
    assert.equal(fake.requests.length, 3);
    assert.equal(fake.remaining, 0);
  });

  it('keeps a copy of each request, unaffected by later mutation', async () => {
    const fake = createFakeProvider([{ text: 'ok' }]);
    const request = sampleRequest();
    await fake.reason(request, {});
    request.messages.push({ role: 'user', content: 'later' });
    assert.equal(fake.requests[0]?.messages.length, 4);
  });

  it('throws scripted provider errors, from a step or a step function', async () => {
    const rateLimited = new ProviderError('RATE_LIMITED', 'slow down', { retryAfterMs: 10 });
    const fake = createFakeProvider([rateLimited, () => new ProviderError('BAD_REQUEST', 'bad')]);
    await assert.rejects(fake.reason(sampleRequest(), {}), (error) => error === rateLimited);
    await assert.rejects(fake.reason(sampleRequest(), {}), { code: 'BAD_REQUEST' });
  });

  it('fails loudly, with a non-provider error, when the script runs out', async () => {
    const fake = createFakeProvider([{ text: 'one' }, { text: 'two' }]);
    await fake.reason(sampleRequest(), {});
    await fake.reason(sampleRequest(), {});
    await assert.rejects(fake.reason(sampleRequest(), {}), (error) => {
      assert.ok(error instanceof FakeScriptExhaustedError);
      assert.ok(!(error instanceof ProviderError));
      assert.equal(error.message, 'fake provider script exhausted after 2 calls');
      return true;
    });
    assert.equal(fake.requests.length, 3);
  });
});
