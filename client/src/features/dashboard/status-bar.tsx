// Runs by status as one stacked bar with a legend (SVG, no chart library).
import { humanizeEnum } from '../../lib/format';

const STATUS_COLORS: Record<string, string> = {
  RUNNING: 'var(--info)',
  QUEUED: 'var(--status-queued)',
  WAITING_FOR_APPROVAL: 'var(--warning)',
  COMPLETED: 'var(--success)',
  FAILED: 'var(--danger)',
  CANCELLED: 'var(--status-cancelled)',
};

export function StatusBar({
  counts,
  label,
}: {
  counts: readonly { status: string; count: number }[];
  label: string;
}) {
  const total = counts.reduce((sum, item) => sum + item.count, 0);
  let x = 0;
  return (
    <figure className="status-bar" aria-label={label}>
      <svg
        width="100%"
        height="14"
        viewBox="0 0 100 14"
        preserveAspectRatio="none"
        role="img"
        aria-hidden="true"
      >
        <rect x="0" y="0" width="100" height="14" rx="3" fill="var(--border)" />
        {total > 0
          ? counts
              .filter((item) => item.count > 0)
              .map((item) => {
                const width = (item.count / total) * 100;
                const rect = (
                  <rect
                    key={item.status}
                    x={x}
                    y="0"
                    width={width}
                    height="14"
                    fill={STATUS_COLORS[item.status]}
                  />
                );
                x += width;
                return rect;
              })
          : null}
      </svg>
      <figcaption className="status-legend">
        {counts.map((item) => (
          <span key={item.status} className="status-legend-item">
            <span className="status-swatch" style={{ background: STATUS_COLORS[item.status] }} />
            {humanizeEnum(item.status)}
            <strong className="num">{item.count}</strong>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
