// A card with usage over time (tokens or cost), by model or by agent.
import { ToggleGroup } from 'radix-ui';
import { useState } from 'react';
import { StackedBarChart } from '../../ui/charts/stacked-bar-chart';
import { type Bucket, type UsageMetric, type UsageRow, usageSeries } from './usage-series';

function timeFormatter(bucket: Bucket): (ms: number) => string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'DAY'
      ? { month: 'short', day: 'numeric' }
      : { hour: '2-digit', minute: '2-digit', hour12: false };
  const format = new Intl.DateTimeFormat('en-US', options);
  return (ms) => format.format(new Date(ms));
}

export function UsageChartCard({
  title,
  metric,
  rows,
  fromMs,
  toMs,
  bucket,
  format,
}: {
  title: string;
  metric: UsageMetric;
  rows: readonly UsageRow[];
  fromMs: number;
  toMs: number;
  bucket: Bucket;
  format: (value: number) => string;
}) {
  const [by, setBy] = useState<'model' | 'agent'>('model');
  const data = usageSeries(rows, { by, metric, fromMs, toMs, bucket });
  const headingId = `usage-${metric}-title`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>{title}</h2>
        <ToggleGroup.Root
          type="single"
          className="segmented"
          value={by}
          onValueChange={(value) => {
            if (value) setBy(value as 'model' | 'agent');
          }}
          aria-label={`${title}: group by`}
        >
          <ToggleGroup.Item value="model" className="segmented-item">
            By model
          </ToggleGroup.Item>
          <ToggleGroup.Item value="agent" className="segmented-item">
            By agent
          </ToggleGroup.Item>
        </ToggleGroup.Root>
      </div>
      <div className="card-body">
        <StackedBarChart
          starts={data.starts}
          series={data.series}
          format={format}
          formatTime={timeFormatter(bucket)}
          label={`${title} by ${by}`}
          emptyText={
            rows.length === 0
              ? 'No usage in this range'
              : `No ${metric === 'cost' ? 'cost' : 'tokens'} in this range`
          }
        />
      </div>
    </section>
  );
}
