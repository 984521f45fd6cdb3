import { FINISH_TOOL, type ModelAnswer, type ReasoningRequest } from '../../engine/conversation.ts';
import { ProviderError, type ReasoningProvider } from './provider.ts';
import { requestHash } from './request-hash.ts';

/** A scripted answer; missing fields get neutral defaults (empty text, no calls, zero usage). */
export type FakeAnswer = Omit<Partial<ModelAnswer>, 'usage'> & { usage?: Partial<ModelAnswer['usage']> };

/** One step of a fake's script: an answer, a function of the request, or an error to throw. */
export type FakeStep =
  | FakeAnswer
  | ProviderError
  | ((request: ReasoningRequest) => FakeAnswer | ProviderError | Promise<FakeAnswer | ProviderError>);

/** A scripted provider for tests, with everything it was asked. */
export interface FakeProvider extends ReasoningProvider {
  readonly name: 'fake';
  /** Deep copies of every request received, in order (including the one that exhausted it). */
  readonly requests: ReasoningRequest[];
  /** Steps not yet used. */
  readonly remaining: number;
}

/** Thrown when a fake is called more often than its script allows: a test bug, never retryable. */
export class FakeScriptExhaustedError extends Error {
  readonly code = 'FAKE_SCRIPT_EXHAUSTED';
  constructor(calls: number) {
    super(`fake provider script exhausted after ${calls} calls`);
    this.name = new.target.name;
  }
}

/**
 * A provider that plays `script` in order: each call takes the next step, records the request,
 * and answers it (a function step is called with the request; a {@link ProviderError} is thrown).
 * When the script runs out it throws {@link FakeScriptExhaustedError} — deliberately not a
 * ProviderError, so no retry or "reasoning failed" path can swallow it.
 */
export function createFakeProvider(script: FakeStep[]): FakeProvider {
  const steps = [...script];
  const requests: ReasoningRequest[] = [];
  let calls = 0;
  return {
    name: 'fake',
    requests,
    get remaining() {
      return steps.length;
    },
    async reason(request) {
      requests.push(structuredClone(request));
      const step = steps.shift();
      if (step === undefined) throw new FakeScriptExhaustedError(calls);
      calls++;
      const outcome = typeof step === 'function' ? await step(request) : step;
      if (outcome instanceof ProviderError) throw outcome;
      return {
        text: outcome.text ?? '',
        toolCalls: outcome.toolCalls ?? [],
        model: outcome.model ?? request.model,
        usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, ...outcome.usage },
        costUsd: outcome.costUsd ?? 0,
        latencyMs: outcome.latencyMs ?? 0,
        requestHash: outcome.requestHash ?? requestHash(request),
      };
    },
  };
}

/** A scripted native tool call (arguments serialised; pass a string to script malformed JSON). */
export function fakeToolCall(
  name: string,
  args: Record<string, unknown> | string,
  options: { id?: string; text?: string } = {},
): FakeAnswer {
  const argumentsJson = typeof args === 'string' ? args : JSON.stringify(args);
  return { text: options.text ?? '', toolCalls: [{ id: options.id ?? `call_${name}`, name, argumentsJson }] };
}

/** A scripted call of the finish pseudo-tool with `output`. */
export function fakeFinish(output: string, options: { text?: string } = {}): FakeAnswer {
  return fakeToolCall(FINISH_TOOL, { output }, { id: 'call_finish', ...options });
}
