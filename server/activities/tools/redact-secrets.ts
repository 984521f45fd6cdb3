/** The text that replaces a secret. */
export const REDACTED = '[REDACTED]';

/** Object keys whose string values are secrets whatever they look like. */
const SECRET_KEY =
  /^(?:password|passwd|pwd|secret|client_?secret|api[_-]?key|apikey|x-api-key|access[_-]?token|refresh[_-]?token|auth[_-]?token|token|authorization|proxy-authorization|cookie|set-cookie|aws_secret_access_key|secret_?access_?key|private[_-]?key|x-subscription-token)$/i;

// Each rule rewrites one kind of secret in free text; the replacement keeps the label so a reader
// still sees *what* was there. Order matters: header and key=value rules run before bare tokens.
const TEXT_RULES: [RegExp, string][] = [
  // Authorization: Bearer abc / Authorization: Basic abc (header lines, JSON-ish dumps)
  [
    /\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token|digest)\s+)?[^\s"',;]+/gi,
    `$1$2${REDACTED}`,
  ],
  [/\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, `Bearer ${REDACTED}`],
  // password=..., api_key: ..., "token": "..." (query strings, env dumps, config files)
  [
    /\b(password|passwd|pwd|secret|client_secret|api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|auth[_-]?token|token|aws_secret_access_key|secret_access_key)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
    `$1$2${REDACTED}`,
  ],
  // user:password@host in URLs (postgres://, smtp://, https://)
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${REDACTED}@`],
  // OpenAI / Anthropic style keys: sk-..., sk-proj-..., sk-ant-...
  [/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  // AWS access key ids
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, REDACTED],
  // GitHub and Slack tokens
  [/\bgh[pousr]_[A-Za-z0-9]{30,}/g, REDACTED],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/g, REDACTED],
];

function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A copy of a JSON-like value with secrets replaced by `[REDACTED]`: API keys (`sk-…`), bearer
 * tokens, `Authorization` headers, `password=…`-style pairs, AWS access key ids, URL passwords,
 * and any string under a secret-named key (`password`, `apiKey`, `authorization`, …).
 * Applied to tool params and results before they are recorded. Never throws; cycles become
 * `[Circular]`. Idempotent: redacting twice equals redacting once.
 */
export function redactSecrets<T>(value: T): T {
  return redactValue(value, new WeakSet()) as T;
}

function redactValue(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
    if (value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const redacted =
        SECRET_KEY.test(key) && typeof item === 'string' && item !== '' ? REDACTED : redactValue(item, seen);
      // defineProperty, not assignment: assigning to `__proto__` would set the prototype and lose the key.
      Object.defineProperty(out, key, {
        value: redacted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
