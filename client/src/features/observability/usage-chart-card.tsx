// A card with usage over time (tokens or cost), by model or by agent.
import { ToggleGroup } from 'radix-ui';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { StackedBarChart } from '../../ui/charts/stacked-bar-chart';
import { runsExplorerHref } from '../runs/explorer-query';
import { BUCKET_MS, type Bucket, type UsageMetric, type UsageRow, usageSeries } from './usage-series';

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
  agentId = '',
}: {
  title: string;
  metric: UsageMetric;
  rows: readonly UsageRow[];
  fromMs: number;
  toMs: number;
  bucket: Bucket;
  format: (value: number) => string;
  /** The page's agent filter ('' for all): the runs a bar links to are that agent's. */
  agentId?: string;
}) {
  const [by, setBy] = useState<'model' | 'agent'>('model');
  const navigate = useNavigate();
  // A bar counts the LLM calls made in its bucket: it links to the runs started in that bucket,
  // of the agent clicked when the bars are by agent ("Other" and models keep the page's filter).
  const showRuns = (start: number, seriesKey: string | null) => {
    const agent =
      by === 'agent' && seriesKey && seriesKey !== '__other' && seriesKey !== 'none' ? seriesKey : agentId;
    navigate(
      runsExplorerHref({
        since: new Date(start).toISOString(),
        until: new Date(start + BUCKET_MS[bucket]).toISOString(),
        agent,
      }),
    );
  };
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
          onSelect={showRuns}
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
