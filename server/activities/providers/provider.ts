import type { ModelAnswer, ReasoningRequest } from '../../engine/conversation.ts';

/** Names of the reasoning providers; `fake` exists only in tests. */
export type ProviderName = 'openai' | 'anthropic' | 'demo' | 'fake';

/**
 * What a streaming call reports while the answer is generated: visible text as it arrives, and
 * `restart` when the retrying wrapper starts the call over (the text so far is void).
 */
export type AnswerStreamEvent = { type: 'text'; delta: string } | { type: 'restart' };

/** Per-call options. `agentId` only matters to the retrying wrapper's opt-in answer cache. */
export interface ReasonOptions {
  signal?: AbortSignal;
  agentId?: string;
  /**
   * Told the answer's visible text (the model's thought) as it streams. A view only: the answer
   * the promise resolves with is the record. Must not throw.
   */
  onStream?: (event: AnswerStreamEvent) => void;
}

/**
 * The port every LLM adapter implements: one request in, one answer out.
 *
 * Throws {@link ProviderError} for every failure the provider reports (HTTP status, network,
 * timeout, abort), already classified retryable or not. Any other error is a bug and is rethrown.
 * A malformed tool call is NOT an error: it comes back raw in `toolCalls[].argumentsJson`.
 */
export interface ReasoningProvider {
  readonly name: ProviderName;
  reason(request: ReasoningRequest, options: ReasonOptions): Promise<ModelAnswer>;
}

/** Stable codes of {@link ProviderError}. */
export const ProviderErrorCode = {
  RateLimited: 'RATE_LIMITED',
  QuotaExceeded: 'QUOTA_EXCEEDED',
  ServerError: 'SERVER_ERROR',
  Network: 'NETWORK',
  Timeout: 'TIMEOUT',
  Conflict: 'CONFLICT',
  BadRequest: 'BAD_REQUEST',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Aborted: 'ABORTED',
  InvalidResponse: 'INVALID_RESPONSE',
  NotConfigured: 'NOT_CONFIGURED',
} as const;
export type ProviderErrorCode = (typeof ProviderErrorCode)[keyof typeof ProviderErrorCode];

const retryableByDefault: Record<ProviderErrorCode, boolean> = {
  RATE_LIMITED: true,
  QUOTA_EXCEEDED: false,
  SERVER_ERROR: true,
  NETWORK: true,
  TIMEOUT: true,
  CONFLICT: true,
  BAD_REQUEST: false,
  UNAUTHORIZED: false,
  FORBIDDEN: false,
  NOT_FOUND: false,
  ABORTED: false,
  INVALID_RESPONSE: false,
  NOT_CONFIGURED: false,
};

/**
 * A failure reported by (or on the way to) an LLM provider, classified where it is thrown.
 * `retryable` defaults from the code (429, 5xx, network and timeouts yes; 4xx, abort no).
 * `status` is the HTTP status when there was one; `retryAfterMs` comes from the response's
 * `retry-after-ms` / `retry-after` headers.
 */
export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  constructor(
    code: ProviderErrorCode,
    message: string,
    options: { retryable?: boolean; status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? retryableByDefault[code];
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** Maps an HTTP status to a {@link ProviderErrorCode}: the one place the status table lives. */
export function codeForStatus(status: number): ProviderErrorCode {
  if (status === 429) return ProviderErrorCode.RateLimited;
  if (status === 408) return ProviderErrorCode.Timeout;
  if (status === 409) return ProviderErrorCode.Conflict;
  if (status === 401) return ProviderErrorCode.Unauthorized;
  if (status === 403) return ProviderErrorCode.Forbidden;
  if (status === 404) return ProviderErrorCode.NotFound;
  if (status >= 500) return ProviderErrorCode.ServerError;
  return ProviderErrorCode.BadRequest;
}

/**
 * Reads how long the server asked us to wait: `retry-after-ms` (OpenAI) first, then
 * `retry-after` as seconds or an HTTP date. Returns undefined when absent or unparsable.
 */
export function retryAfterMsFrom(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value.trim());
  if (value.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Translates an error thrown by an LLM SDK call into a {@link ProviderError}. Both SDKs
 * (Stainless-generated) expose the same error classes, so each adapter passes its own SDK's
 * classes and the mapping lives once. A response body that is not JSON (a proxy's HTML page)
 * becomes `INVALID_RESPONSE`. Rethrows anything it does not recognise: that is a bug, not a
 * provider failure.
 */
export function providerErrorFromSdk(
  provider: ProviderName,
  error: unknown,
  sdk: {
    APIError: abstract new (
      ...args: never[]
    ) => { status?: number | undefined; headers?: Headers | undefined };
    APIUserAbortError: abstract new (...args: never[]) => unknown;
    APIConnectionError: abstract new (...args: never[]) => unknown;
    APIConnectionTimeoutError: abstract new (...args: never[]) => unknown;
  },
): ProviderError {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error;
  if (error instanceof sdk.APIUserAbortError) {
    return new ProviderError(ProviderErrorCode.Aborted, `${provider}: request aborted`, { cause });
  }
  if (error instanceof sdk.APIConnectionTimeoutError) {
    return new ProviderError(ProviderErrorCode.Timeout, `${provider}: request timed out`, { cause });
  }
  if (error instanceof sdk.APIConnectionError) {
    return new ProviderError(ProviderErrorCode.Network, `${provider}: connection failed: ${message}`, {
      cause,
    });
  }
  if (error instanceof sdk.APIError && typeof error.status === 'number') {
    const retryAfterMs = retryAfterMsFrom(error.headers);
    return new ProviderError(codeForStatus(error.status), `${provider}: ${message}`, {
      status: error.status,
      cause,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError(
      ProviderErrorCode.InvalidResponse,
      `${provider}: response is not JSON: ${message}`,
      {
        cause,
      },
    );
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new ProviderError(ProviderErrorCode.Aborted, `${provider}: request aborted`, { cause });
  }
  throw error;
}

/**
 * The signal of one streamed call: the caller's, plus a deadline over the whole answer (an SDK's
 * own timeout ends when the response headers arrive; a stream that stalls later must end too).
 */
export function streamSignal(timeoutMs: number, caller: AbortSignal | undefined) {
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(new Error('timed out')), timeoutMs);
  const signal = caller ? AbortSignal.any([caller, timer.signal]) : timer.signal;
  const ended = (provider = 'provider'): ProviderError | undefined => {
    if (caller?.aborted) return new ProviderError(ProviderErrorCode.Aborted, `${provider}: request aborted`);
    if (timer.signal.aborted)
      return new ProviderError(ProviderErrorCode.Timeout, `${provider}: request timed out`);
    return undefined;
  };
  return {
    signal,
    /** The abort or timeout that ended the call, if one did. */
    ended,
    throwIfEnded(provider: ProviderName) {
      const error = ended(provider);
      if (error) throw error;
    },
    dispose: () => clearTimeout(handle),
  };
}

/**
 * Classifies an error thrown while reading a streamed answer (after the response began). The
 * connection breaking mid-answer (undici's `terminated`, a reset socket) is a retryable `NETWORK`
 * error; an error event in the stream (`overloaded_error`, a gateway's failure) a retryable
 * `SERVER_ERROR`; a chunk that is not JSON an `INVALID_RESPONSE`. Whatever the SDK classifies
 * itself (status errors, aborts) goes through {@link providerErrorFromSdk}.
 */
export function providerErrorFromStream(
  provider: ProviderName,
  error: unknown,
  sdk: Parameters<typeof providerErrorFromSdk>[2],
): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof SyntaxError) return providerErrorFromSdk(provider, error, sdk);
  if (error instanceof sdk.APIError && typeof error.status !== 'number') {
    const message = error instanceof Error ? error.message : String(error);
    return new ProviderError(
      ProviderErrorCode.ServerError,
      `${provider}: the stream reported an error: ${message}`,
      {
        cause: error,
      },
    );
  }
  if (
    error instanceof sdk.APIError ||
    error instanceof sdk.APIUserAbortError ||
    error instanceof sdk.APIConnectionError ||
    (error instanceof Error && error.name === 'AbortError')
  ) {
    return providerErrorFromSdk(provider, error, sdk);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(ProviderErrorCode.Network, `${provider}: the stream broke: ${message}`, {
    cause: error,
  });
}
