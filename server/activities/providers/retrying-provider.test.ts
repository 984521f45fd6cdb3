import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { createFakeProvider, type FakeAnswer, FakeScriptExhaustedError } from './fake-provider.ts';
import { ProviderError } from './provider.ts';
import { recordingSleep, sampleRequest } from './provider-testkit.ts';
import { requestHash } from './request-hash.ts';
import { backoffDelayMs, createRetryingProvider } from './retrying-provider.ts';

const serverError = () => new ProviderError('SERVER_ERROR', 'boom', { status: 500 });
const usage = { inputTokens: 100, outputTokens: 20, cachedTokens: 0, reasoningTokens: 0 };

/** An abort after `ms`; unlike AbortSignal.timeout its timer keeps the event loop alive. */
function abortAfter(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

describe('retrying provider', () => {
  it('retries a retryable error 3 times with growing backoff, then rethrows it', async () => {
    const last = serverError();
    const fake = createFakeProvider([serverError(), serverError(), serverError(), last]);
    const { sleeps, sleep } = recordingSleep();
    const retrying = createRetryingProvider(fake, { sleep, random: () => 0 });
    await assert.rejects(retrying.reason(sampleRequest(), {}), (error) => error === last);
    assert.equal(fake.requests.length, 4);
    assert.deepEqual(sleeps, [250, 500, 1_000]);
  });

  it('caps the backoff at 20 s, jitter included', () => {
    const options = { baseDelayMs: 500, maxDelayMs: 20_000 };
    assert.equal(backoffDelayMs(10, { ...options, random: () => 0.999999 }), 20_000);
    assert.equal(backoffDelayMs(10, { ...options, random: () => 0 }), 10_000);
    assert.equal(backoffDelayMs(1, { ...options, random: () => 0.5 }), 750);
  });

  it('does not retry non-retryable errors, bugs, or a retry-after beyond the limit', async () => {
    const { sleeps, sleep } = recordingSleep();
    const badRequest = new ProviderError('BAD_REQUEST', 'no', { status: 400 });
    await assert.rejects(
      createRetryingProvider(createFakeProvider([badRequest]), { sleep }).reason(sampleRequest(), {}),
      {
        code: 'BAD_REQUEST',
      },
    );
    await assert.rejects(
      createRetryingProvider(createFakeProvider([]), { sleep }).reason(sampleRequest(), {}),
      FakeScriptExhaustedError,
    );
    const tooLong = new ProviderError('RATE_LIMITED', 'later', { status: 429, retryAfterMs: 120_000 });
    await assert.rejects(
      createRetryingProvider(createFakeProvider([tooLong]), { sleep }).reason(sampleRequest(), {}),
      {
        code: 'RATE_LIMITED',
        retryable: true,
      },
    );
    assert.deepEqual(sleeps, []);
  });

  it('stamps the request hash and the measured latency on the answer', async () => {
    const fake = createFakeProvider([{ text: 'hi', latencyMs: 99_999, requestHash: 'stale' }]);
    const answer = await createRetryingProvider(fake).reason(sampleRequest(), {});
    assert.equal(answer.requestHash, requestHash(sampleRequest()));
    assert.ok(answer.latencyMs < 99_999);
  });

  it('never has more calls in flight than the concurrency limit', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = async (): Promise<FakeAnswer> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return { text: 'ok' };
    };
    for (const [limit, expected] of [
      [undefined, 4],
      [2, 2],
    ] as const) {
      inFlight = 0;
      maxInFlight = 0;
      const fake = createFakeProvider(Array.from({ length: 12 }, () => slow));
      const retrying = createRetryingProvider(fake, limit === undefined ? {} : { concurrency: limit });
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => retrying.reason(sampleRequest(), {})),
      );
      assert.equal(answers.length, 12);
      assert.equal(maxInFlight, expected);
    }
  });

  it('gives up waiting for a slot or a backoff when the signal aborts', async () => {
    let finishFirst = () => {};
    const blocker = () =>
      new Promise<FakeAnswer>((resolve) => (finishFirst = () => resolve({ text: 'first' })));
    const retrying = createRetryingProvider(createFakeProvider([blocker]), { concurrency: 1 });
    const first = retrying.reason(sampleRequest(), {});
    const waiting = retrying.reason(sampleRequest(), { signal: abortAfter(20) });
    await assert.rejects(waiting, { code: 'ABORTED', retryable: false });
    finishFirst();
    assert.equal((await first).text, 'first');

    const backingOff = createRetryingProvider(createFakeProvider([serverError()]), { baseDelayMs: 60_000 });
    await assert.rejects(backingOff.reason(sampleRequest(), { signal: abortAfter(20) }), { code: 'ABORTED' });
  });

  describe('cache', () => {
    const cached = (script: FakeAnswer[]) => {
      const fake = createFakeProvider(script);
      return { fake, retrying: createRetryingProvider(fake, { cacheMaxEntries: 2 }) };
    };

    it('answers an identical temperature-0 request of the same agent from the cache', async () => {
      const { fake, retrying } = cached([{ text: 'fresh', usage, costUsd: 0.5 }]);
      const first = await retrying.reason(sampleRequest(), { agentId: 'agent-1' });
      const second = await retrying.reason(sampleRequest(), { agentId: 'agent-1' });
      assert.equal(fake.requests.length, 1);
      assert.equal(first.costUsd, 0.5);
      assert.equal(second.text, 'fresh');
      assert.equal(second.latencyMs, 0);
      assert.equal(second.costUsd, 0);
      assert.deepEqual(second.usage, { ...usage, cachedTokens: 100 });
      assert.equal(second.requestHash, first.requestHash);
    });

    it('misses for another agent, no agent, a non-zero temperature, or when disabled', async () => {
      const { fake, retrying } = cached([
        { text: 'a' },
        { text: 'b' },
        { text: 'c' },
        { text: 'd' },
        { text: 'e' },
      ]);
      const warm = sampleRequest({ temperature: 0.7 });
      await retrying.reason(sampleRequest(), { agentId: 'agent-1' });
      await retrying.reason(sampleRequest(), { agentId: 'agent-2' });
      await retrying.reason(sampleRequest(), {});
      await retrying.reason(warm, { agentId: 'agent-1' });
      await retrying.reason(warm, { agentId: 'agent-1' });
      assert.equal(fake.requests.length, 5);

      const uncached = createFakeProvider([{ text: 'x' }, { text: 'y' }]);
      const plain = createRetryingProvider(uncached);
      await plain.reason(sampleRequest(), { agentId: 'agent-1' });
      assert.equal((await plain.reason(sampleRequest(), { agentId: 'agent-1' })).text, 'y');
    });

    it('evicts the least recently used entry beyond its size', async () => {
      const { fake, retrying } = cached([
        { text: 'm1' },
        { text: 'm2' },
        { text: 'm3' },
        { text: 'm1 again' },
      ]);
      const ask = (model: string) => retrying.reason(sampleRequest({ model }), { agentId: 'a' });
      await ask('m1');
      await ask('m2');
      await ask('m1'); // hit: m1 becomes the most recent
      await ask('m3'); // evicts m2
      assert.equal((await ask('m1')).text, 'm1');
      assert.equal((await ask('m2')).text, 'm1 again');
      assert.equal(fake.requests.length, 4);
    });
  });
});
