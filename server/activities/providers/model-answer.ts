import type { ModelAnswer, ReasoningRequest } from '../../engine/conversation.ts';
import { costOf } from './price-table.ts';
import { requestHash } from './request-hash.ts';

/** What an adapter read from the provider's response, before hash, cost and latency are added. */
export type AnswerParts = Pick<ModelAnswer, 'text' | 'toolCalls' | 'model' | 'usage'>;

/**
 * Completes an adapter's answer: request hash, cost (priced by the model the provider reports,
 * falling back to the requested model name) and latency, so every provider's answer is whole
 * even without the retrying wrapper.
 */
export function completeAnswer(
  request: ReasoningRequest,
  parts: AnswerParts,
  latencyMs: number,
): ModelAnswer {
  const billed = costOf(parts.model, parts.usage);
  const cost = billed.priced ? billed : costOf(request.model, parts.usage);
  return { ...parts, costUsd: cost.costUsd, latencyMs, requestHash: requestHash(request) };
}
