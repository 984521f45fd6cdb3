// JSON as people read it: keys sorted, one per line, multi-line strings (an email body, a SQL
// query, code) shown as the text they are instead of one long escaped line. For display and diffs.

const INDENT = '  ';

/** A YAML-like rendering of a JSON value. Plain JSON for scalars. */
export function readableJson(value: unknown): string {
  return lines(value, '').join('\n');
}

function lines(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`];
    return value.flatMap((item) => prefixed(`${indent}- `, `${indent}  `, item));
  }
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return [`${indent}{}`];
    return keys.flatMap((key) => prefixed(`${indent}${key}: `, indent + INDENT, value[key]));
  }
  return scalar(value, indent);
}

/** `head` starts the first line; nested lines continue at `rest`. */
function prefixed(head: string, rest: string, value: unknown): string[] {
  if (typeof value === 'string' && value.includes('\n')) {
    return [`${head}|`, ...value.split('\n').map((line) => `${rest}${line}`)];
  }
  if ((Array.isArray(value) && value.length > 0) || (isObject(value) && Object.keys(value).length > 0)) {
    return [head.trimEnd(), ...lines(value, rest)];
  }
  const [only] = lines(value, '');
  return [`${head}${only ?? ''}`];
}

function scalar(value: unknown, indent: string): string[] {
  if (typeof value === 'string' && value.includes('\n'))
    return value.split('\n').map((line) => indent + line);
  return [`${indent}${JSON.stringify(value) ?? 'null'}`];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
