// JSON helpers: pretty printing for display, and parsing what a person typed into an editor.

/** Two-space pretty JSON; `undefined` shows as an empty string. */
export function prettyJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, null, 2) ?? '';
}

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses JSON text, describing a syntax error with its line and column when the engine tells. */
export function parseJson(text: string): ParseResult<unknown> {
  if (text.trim() === '') return { ok: false, error: 'Enter some JSON.' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: describeSyntaxError(text, error) };
  }
}

/** Like `parseJson`, but the value must be an object (tool params are). */
export function parseJsonObject(text: string): ParseResult<JsonObject> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  if (!isJsonObject(parsed.value)) return { ok: false, error: 'Must be a JSON object ({ … }).' };
  return { ok: true, value: parsed.value };
}

function describeSyntaxError(text: string, error: unknown): string {
  const found = locateJsonError(text);
  if (found) return `Invalid JSON at line ${found.line}, column ${found.column}: ${found.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return `Invalid JSON: ${message}`;
}

/**
 * Where the first syntax error of `text` is (1-based line and column), found by a small
 * recursive-descent scan: engines word their JSON errors differently and not all give a place.
 */
export function locateJsonError(text: string): { line: number; column: number; message: string } | null {
  let at = 0;
  const fail = (message: string): never => {
    throw Object.assign(new Error(message), { at });
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, at)) at += word.length;
    else fail('unexpected token');
  };
  const string = () => {
    at++;
    while (at < text.length) {
      const char = text.charAt(at);
      if (char === '"') {
        at++;
        return;
      }
      if (char === '\\') {
        const next = text.charAt(at + 1);
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail('bad \\u escape');
          at += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== '') at += 2;
        else fail('bad escape');
      } else if (char < ' ') fail('control character in string (use \\n)');
      else at++;
    }
    fail('unterminated string');
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (!match) fail('bad number');
    at += (match as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    space();
    const char = text.charAt(at);
    if (char === '{') object();
    else if (char === '[') array();
    else if (char === '"') string();
    else if (char === '-' || (char >= '0' && char <= '9')) number();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else fail(char === '' ? 'unexpected end' : `unexpected "${char}"`);
  };
  const object = () => {
    at++;
    space();
    if (text.charAt(at) === '}') {
      at++;
      return;
    }
    for (;;) {
      space();
      if (text.charAt(at) !== '"') fail('expected a "key"');
      string();
      space();
      if (text.charAt(at) !== ':') fail('expected ":"');
      at++;
      value();
      space();
      const char = text.charAt(at);
      at++;
      if (char === '}') return;
      if (char !== ',') {
        at--;
        fail('expected "," or "}"');
      }
    }
  };
  const array = () => {
    at++;
    space();
    if (text.charAt(at) === ']') {
      at++;
      return;
    }
    for (;;) {
      value();
      space();
      const char = text.charAt(at);
      at++;
      if (char === ']') return;
      if (char !== ',') {
        at--;
        fail('expected "," or "]"');
      }
    }
  };
  try {
    value();
    space();
    if (at < text.length) fail('unexpected text after the value');
    return null;
  } catch (error) {
    const position = (error as { at?: number }).at ?? at;
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    return { line, column: position - before.lastIndexOf('\n'), message: (error as Error).message };
  }
}
