// A date on screen: short (the year only when it is not this year), the whole instant and its time
// zone on hover. Every page shows dates through this, so they all read the same way.
import { formatDateTime, formatFullDateTime, formatRelativeTime } from '../lib/format';

export function DateTime({
  value,
  relativeTo,
  className,
}: {
  value: string | null | undefined;
  /** Show "5 min ago" (relative to this instant, ms) instead of the date. */
  relativeTo?: number;
  className?: string;
}) {
  if (!value) return <span className={className}>{formatDateTime(value)}</span>;
  return (
    <time dateTime={value} title={formatFullDateTime(value)} className={className}>
      {relativeTo === undefined ? formatDateTime(value) : formatRelativeTime(value, relativeTo)}
    </time>
  );
}
