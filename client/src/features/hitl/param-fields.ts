// A tool call's parameters as typed form fields: what kind of control each value gets, in which
// order, and how the text a person typed turns back into the value the tool expects.
import { parseJson, prettyJson } from '../../lib/json';

/**
 * `text`/`textarea` strings, `list` an array of strings edited as "a, b", `number`, `boolean`
 * (a switch), `json` anything nested or mixed, which only JSON can say faithfully.
 */
export type ParamKind = 'text' | 'textarea' | 'list' | 'number' | 'boolean' | 'json';

export interface ParamField {
  key: string;
  kind: ParamKind;
  /** What the control shows: the string, the list joined by ", ", the number, "true"/"false", JSON. */
  text: string;
}

export type ParsedParam = { ok: true; value: unknown } | { ok: false; error: string };

/** The fields a person reads first, per tool; the rest follow in the order the model wrote them. */
const LEADING_KEYS: Record<string, readonly string[]> = {
  send_email: ['to', 'cc', 'subject', 'body'],
  http_request: ['method', 'url', 'body'],
  run_sql: ['sql'],
  execute_python: ['code'],
};

/** Keys whose strings are prose or code, so get a text area even when short. */
const LONG_TEXT_KEYS = new Set(['body', 'text', 'content', 'code', 'sql', 'query', 'prompt', 'message']);

function kindOf(key: string, value: unknown): ParamKind {
  if (typeof value === 'string') {
    return LONG_TEXT_KEYS.has(key) || value.length > 80 || value.includes('\n') ? 'textarea' : 'text';
  }
  if (typeof value === 'number' && Number.isFinite(value)) return 'number';
  if (typeof value === 'boolean') return 'boolean';
  // A list of strings (recipients, tags) reads and edits as "a, b" when that text says it exactly:
  // no commas inside, no empty or space-padded entries (those only JSON keeps).
  if (
    Array.isArray(value) &&
    value.every(
      (item) => typeof item === 'string' && item !== '' && item === item.trim() && !item.includes(','),
    )
  ) {
    return 'list';
  }
  return 'json';
}

function textOf(kind: ParamKind, value: unknown): string {
  switch (kind) {
    case 'text':
    case 'textarea':
      return value as string;
    case 'list':
      return (value as string[]).join(', ');
    case 'number':
    case 'boolean':
      return String(value);
    case 'json':
      return prettyJson(value);
  }
}

/** The params as fields: the tool's leading keys first (those present), then the others in order. */
export function paramFields(tool: string, params: Record<string, unknown>): ParamField[] {
  const leading = (LEADING_KEYS[tool] ?? []).filter((key) => Object.hasOwn(params, key));
  const keys = [...leading, ...Object.keys(params).filter((key) => !leading.includes(key))];
  return keys.map((key) => {
    const kind = kindOf(key, params[key]);
    return { key, kind, text: textOf(kind, params[key]) };
  });
}

/** The value a field's text stands for, or why it stands for none. */
export function parseParam(kind: ParamKind, text: string): ParsedParam {
  switch (kind) {
    case 'text':
    case 'textarea':
      return { ok: true, value: text };
    case 'list':
      return {
        ok: true,
        value: text
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      };
    case 'number': {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) return { ok: false, error: 'Enter a number.' };
      return { ok: true, value };
    }
    case 'boolean':
      return { ok: true, value: text === 'true' };
    case 'json': {
      const parsed = parseJson(text);
      return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, error: parsed.error };
    }
  }
}

export type ParamsResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

/** Every field parsed back into params (keys in the fields' order), or each field's error. */
export function paramsFromFields(fields: readonly ParamField[]): ParamsResult {
  const value: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const parsed = parseParam(field.kind, field.text);
    if (parsed.ok) value[field.key] = parsed.value;
    else errors[field.key] = parsed.error;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** "to" → "To", "max_results" → "Max results", "timeoutMs" → "Timeout ms". */
export function paramLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
