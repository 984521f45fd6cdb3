// Stacked bars over time (SVG): one bar per bucket, one colour per series, a legend with totals.
import type { KeyboardEvent } from 'react';
import { niceCeiling } from '../../features/observability/usage-series';
import { useElementWidth } from '../use-element-width';

export interface ChartSeries {
  key: string;
  label: string;
  values: readonly number[];
  total: number;
}

export const CHART_COLORS = [
  'var(--chart-1)',
  'var(--chart-2)',
  'var(--chart-3)',
  'var(--chart-4)',
  'var(--chart-5)',
  'var(--chart-6)',
  'var(--chart-7)',
  'var(--chart-8)',
];

const MARGIN = { top: 12, right: 12, bottom: 28, left: 56 };

export function StackedBarChart({
  starts,
  series,
  format,
  formatTime,
  label,
  height = 220,
  emptyText = 'No usage in this range',
  onSelect,
}: {
  starts: readonly number[];
  series: readonly ChartSeries[];
  format: (value: number) => string;
  formatTime: (ms: number) => string;
  /** What the chart shows, for screen readers. */
  label: string;
  height?: number;
  /** Shown over the axes when every value is zero. */
  emptyText?: string;
  /**
   * Makes each bar a link: called with the bucket's start and the series clicked (null: the bar's
   * background, or the keyboard).
   */
  onSelect?: (start: number, seriesKey: string | null) => void;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const sums = starts.map((_, i) => series.reduce((sum, item) => sum + (item.values[i] ?? 0), 0));
  const top = niceCeiling(Math.max(0, ...sums));
  const slot = starts.length > 0 ? innerWidth / starts.length : innerWidth;
  const barWidth = Math.max(1, Math.min(36, slot * 0.72));
  const y = (value: number) => innerHeight - (value / top) * innerHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const labelEvery = Math.max(1, Math.ceil(starts.length / Math.max(2, Math.floor(innerWidth / 90))));
  const total = series.reduce((sum, item) => sum + item.total, 0);
  const summary = `${label}: ${format(total)} in total${series.length > 0 ? `, ${series.map((s) => `${s.label} ${format(s.total)}`).join(', ')}` : ''}.`;
  return (
    <figure className="chart" style={{ margin: 0 }}>
      <div ref={ref} className="chart-canvas">
        <svg width={width} height={height} role="img" aria-label={summary}>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {ticks.map((tick) => (
              <g key={tick} transform={`translate(0,${y(tick)})`}>
                <line x1={0} x2={innerWidth} className="chart-grid" />
                <text x={-8} dy="0.32em" textAnchor="end" className="chart-axis">
                  {format(tick)}
                </text>
              </g>
            ))}
            {starts.map((start, i) => {
              let base = 0;
              const x = i * slot + (slot - barWidth) / 2;
              const tooltip = [
                formatTime(start),
                ...series
                  .filter((item) => (item.values[i] ?? 0) > 0)
                  .map((item) => `${item.label}: ${format(item.values[i] ?? 0)}`),
              ].join('\n');
              return (
                <g key={start}>
                  <title>{tooltip}</title>
                  <rect
                    x={i * slot}
                    y={0}
                    width={Math.max(0, slot)}
                    height={Math.max(0, innerHeight)}
                    fill="transparent"
                    {...(onSelect
                      ? {
                          role: 'link',
                          tabIndex: 0,
                          'aria-label': `Runs of ${formatTime(start)}`,
                          className: 'chart-hit',
                          onClick: () => onSelect(start, null),
                          onKeyDown: (event: KeyboardEvent<SVGRectElement>) => {
                            if (event.key === 'Enter') onSelect(start, null);
                          },
                        }
                      : {})}
                  />
                  {series.map((item, s) => {
                    const value = item.values[i] ?? 0;
                    if (value <= 0) return null;
                    const rect = (
                      <rect
                        key={item.key}
                        x={x}
                        y={y(base + value)}
                        width={barWidth}
                        height={Math.max(1, y(base) - y(base + value))}
                        fill={CHART_COLORS[s % CHART_COLORS.length]}
                        rx={barWidth > 6 ? 2 : 0}
                        {...(onSelect
                          ? { className: 'chart-hit', onClick: () => onSelect(start, item.key) }
                          : {})}
                      />
                    );
                    base += value;
                    return rect;
                  })}
                  {i % labelEvery === 0 ? (
                    <text
                      x={i * slot + slot / 2}
                      y={innerHeight + 18}
                      textAnchor="middle"
                      className="chart-axis"
                    >
                      {formatTime(start)}
                    </text>
                  ) : null}
                </g>
              );
            })}
            <line x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} className="chart-baseline" />
          </g>
          {total === 0 ? (
            <text x={width / 2} y={height / 2 - 8} textAnchor="middle" className="chart-empty">
              {emptyText}
            </text>
          ) : null}
        </svg>
      </div>
      {series.length > 0 ? (
        <figcaption className="chart-legend">
          {series.map((item, s) => (
            <span key={item.key} className="chart-legend-item">
              <span className="status-swatch" style={{ background: CHART_COLORS[s % CHART_COLORS.length] }} />
              {item.label}
              <strong className="num">{format(item.total)}</strong>
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
