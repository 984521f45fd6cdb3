// Percentiles as nested bars (p99 light, p95 medium, p50 dark) on one scale per row, with figures.
import { formatDuration } from '../../lib/format';

export interface PercentileRow {
  label: string;
  count: number;
  p50?: number | null;
  p95?: number | null;
  p99?: number | null;
  max?: number | null;
}

export function PercentileBars({ rows, unit = 'calls' }: { rows: readonly PercentileRow[]; unit?: string }) {
  return (
    <div className="percentiles">
      {rows.map((row) => {
        const scale = row.max ?? row.p99 ?? 0;
        const width = (value: number | null | undefined) =>
          `${scale > 0 && value != null ? (value / scale) * 100 : 0}%`;
        const summary =
          row.count === 0
            ? `${row.label}: no data`
            : `${row.label}: p50 ${formatDuration(row.p50)}, p95 ${formatDuration(row.p95)}, p99 ${formatDuration(row.p99)}, max ${formatDuration(row.max)}, over ${row.count} ${unit}`;
        return (
          <div key={row.label} className="percentile-row">
            <div className="percentile-head">
              <span className="percentile-label">{row.label}</span>
              <span className="muted small">
                {row.count} {unit}
              </span>
            </div>
            <div className="percentile-track" role="img" aria-label={summary}>
              <span className="percentile-bar p99" style={{ width: width(row.p99) }} />
              <span className="percentile-bar p95" style={{ width: width(row.p95) }} />
              <span className="percentile-bar p50" style={{ width: width(row.p50) }} />
            </div>
            <div className="percentile-figures small">
              <span>
                <span className="percentile-key p50" /> p50 <strong>{formatDuration(row.p50)}</strong>
              </span>
              <span>
                <span className="percentile-key p95" /> p95 <strong>{formatDuration(row.p95)}</strong>
              </span>
              <span>
                <span className="percentile-key p99" /> p99 <strong>{formatDuration(row.p99)}</strong>
              </span>
              <span className="muted">
                max <strong>{formatDuration(row.max)}</strong>
              </span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
