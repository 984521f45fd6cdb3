// Stream `integration-<integrationId>`: connections to the outside world (MCP servers, SMTP, LLM
// endpoints, web search). Secrets never enter the log: they come from the environment.
import { z } from 'zod';
import { Actor, Id, JsonObject, NonEmpty } from './common.ts';
import type { EventDefinition } from './define.ts';

export const IntegrationKind = { Mcp: 'mcp', Smtp: 'smtp', Llm: 'llm', WebSearch: 'web_search' } as const;
export type IntegrationKind = (typeof IntegrationKind)[keyof typeof IntegrationKind];

// Key names that hold a secret (compared lowercased, without `_`/`-`). A key that names where the
// secret lives (`apiKeyEnv`, `tokenEnv`) is fine; its value is a name, not the secret.
const SECRET_KEY =
  /(password|passwd|passphrase|secret|apikey|token|authorization|privatekey|credentials?|cookie)$/;
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s@:]*:[^/\s@]+@/i;
const SECRET_VALUE = /^(bearer\s+\S|basic\s+\S|sk-[a-z0-9_-]{16,})/i;
const MAX_DEPTH = 64;

/**
 * A guard, not a guarantee: finds the first key or string in `value` that looks like a secret.
 * Redaction before append (ARCHITECTURE.md §4) stays the primary defence.
 */
function findSecret(value: unknown, path: PropertyKey[]): { path: PropertyKey[]; problem: string } | null {
  if (typeof value === 'string') {
    if (URL_WITH_PASSWORD.test(value)) return { path, problem: 'must not carry a password in the URL' };
    if (SECRET_VALUE.test(value))
      return { path, problem: 'looks like a credential; reference it by name instead' };
    return null;
  }
  if (value === null || typeof value !== 'object' || path.length >= MAX_DEPTH) return null;
  for (const [key, item] of Object.entries(value)) {
    const isSecretKey = SECRET_KEY.test(key.toLowerCase().replace(/[_-]/g, ''));
    if (isSecretKey && item !== null && item !== undefined && item !== '') {
      return { path: [...path, key], problem: 'holds a secret; configure secrets through the environment' };
    }
    const found = findSecret(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

const SecretFreeConfig = JsonObject.superRefine((config, ctx) => {
  const found = findSecret(config, []);
  if (found) ctx.addIssue({ code: 'custom', path: found.path, message: found.problem });
});

/** An integration was added or its (secret-free) configuration replaced whole. */
export const IntegrationConfigured = z.strictObject({
  integrationId: Id,
  kind: z.enum(IntegrationKind),
  name: NonEmpty,
  config: SecretFreeConfig,
});

export const IntegrationRemoved = z.strictObject({ integrationId: Id, by: Actor });

export const integrationEventDefinitions = [
  { type: 'IntegrationConfigured', schemaVersion: 1, schema: IntegrationConfigured },
  { type: 'IntegrationRemoved', schemaVersion: 1, schema: IntegrationRemoved },
] as const satisfies readonly EventDefinition[];
