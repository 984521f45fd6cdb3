import { prettyJson } from '../lib/json';
import { collapseDiff, type DiffLine } from '../lib/json-diff';
import { readableJson } from '../lib/readable-json';

/**
 * A JSON value, scrollable: readable by default (keys one per line, multi-line strings as text),
 * or as raw pretty JSON.
 */
export function JsonView({
  value,
  label,
  maxHeight,
  raw = false,
}: {
  value: unknown;
  label?: string;
  maxHeight?: number;
  raw?: boolean;
}) {
  return (
    <pre className="json" style={maxHeight ? { maxHeight } : undefined}>
      {label ? <span className="visually-hidden">{`${label}: `}</span> : null}
      {raw ? prettyJson(value) : readableJson(value)}
    </pre>
  );
}

/** A line diff: removed lines red with "−", added lines green with "+", long unchanged stretches folded. */
export function DiffView({ lines, label }: { lines: readonly DiffLine[]; label: string }) {
  const items = collapseDiff(lines);
  return (
    <section className="diff" aria-label={label}>
      {items.map((line, index) => {
        // Lines have no identity of their own; the diff is re-rendered whole.
        const key = `${index}:${line.kind}`;
        if (line.kind === 'skip') {
          return (
            <div key={key} className="diff-line diff-skip">
              <span className="diff-sign" aria-hidden="true">
                ⋯
              </span>
              <span>
                {line.count} unchanged line{line.count === 1 ? '' : 's'}
              </span>
            </div>
          );
        }
        return (
          <div key={key} className={line.kind === 'same' ? 'diff-line' : `diff-line diff-${line.kind}`}>
            <span className="diff-sign" aria-hidden="true">
              {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
            </span>
            <span>
              {line.kind === 'added' ? <span className="visually-hidden">Added: </span> : null}
              {line.kind === 'removed' ? <span className="visually-hidden">Removed: </span> : null}
              {line.text}
            </span>
          </div>
        );
      })}
    </section>
  );
}
