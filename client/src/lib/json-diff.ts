// Diffs of JSON values for people: edited approval params against the proposal, policy versions.
import { readableJson } from './readable-json';

export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/** Beyond this many cells the middle of a diff is shown as replaced wholesale (it stays correct). */
const MAX_LCS_CELLS = 4_000_000;

/** Line diff (longest common subsequence) after trimming the common head and tail. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const same = (text: string): DiffLine => ({ kind: 'same', text });
  const middle = lcsDiff(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [...a.slice(0, head).map(same), ...middle, ...a.slice(a.length - tail).map(same)];
}

function lcsDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_LCS_CELLS) {
    return [
      ...a.map((text): DiffLine => ({ kind: 'removed', text })),
      ...b.map((text): DiffLine => ({ kind: 'added', text })),
    ];
  }
  // lengths[i][j]: LCS length of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] as string });
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      out.push({ kind: 'removed', text: a[i++] as string });
    } else {
      out.push({ kind: 'added', text: b[j++] as string });
    }
  }
  while (i < n) out.push({ kind: 'removed', text: a[i++] as string });
  while (j < m) out.push({ kind: 'added', text: b[j++] as string });
  return out;
}

/** JSON with object keys sorted, so that reordering keys is not a change. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) ?? '';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Line diff of two JSON values, keys sorted. */
export function diffJson(before: unknown, after: unknown): DiffLine[] {
  return diffLines(stableJson(before), stableJson(after));
}

/** Line diff of the readable renderings: a changed email body diffs line by line. */
export function diffReadable(before: unknown, after: unknown): DiffLine[] {
  return diffLines(readableJson(before), readableJson(after));
}

export type JsonChange = { path: string; kind: 'added' | 'removed' | 'changed' };

/** The paths whose values differ (`to[0]`, `body`), deepest first within each branch. */
export function jsonChanges(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (Object.is(before, after)) return [];
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects = isPlainObject(before) && isPlainObject(after);
  if (!bothArrays && !bothObjects) {
    return stableJson(before) === stableJson(after) ? [] : [{ path: path || '(root)', kind: 'changed' }];
  }
  const changes: JsonChange[] = [];
  const keys = bothArrays
    ? Array.from({ length: Math.max((before as unknown[]).length, (after as unknown[]).length) }, (_, i) => i)
    : [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])];
  for (const key of keys) {
    const childPath = typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const inBefore = key in (before as object);
    const inAfter = key in (after as object);
    if (!inBefore) changes.push({ path: childPath, kind: 'added' });
    else if (!inAfter) changes.push({ path: childPath, kind: 'removed' });
    else {
      const left = (before as Record<string | number, unknown>)[key];
      const right = (after as Record<string | number, unknown>)[key];
      changes.push(...jsonChanges(left, right, childPath));
    }
  }
  return changes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type DiffItem = DiffLine | { kind: 'skip'; count: number };

/** Hides long unchanged stretches, keeping `context` lines around each change. */
export function collapseDiff(lines: readonly DiffLine[], context = 3): DiffItem[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let at = Math.max(0, index - context); at <= Math.min(lines.length - 1, index + context); at++) {
      keep[at] = true;
    }
  });
  const out: DiffItem[] = [];
  let skipped = 0;
  lines.forEach((line, index) => {
    if (keep[index]) {
      if (skipped > 0) out.push({ kind: 'skip', count: skipped });
      skipped = 0;
      out.push(line);
    } else {
      skipped++;
    }
  });
  if (skipped > 0) out.push({ kind: 'skip', count: skipped });
  // A diff without changes is shown whole: there is nothing to focus on.
  return out.some((item) => item.kind === 'added' || item.kind === 'removed') ? out : [...lines];
}
