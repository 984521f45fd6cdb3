// The observability filters: which agent, which time range (presets or a custom window).
import { ToggleGroup } from 'radix-ui';
import { Field } from '../../ui/field';
import { RANGE_PRESETS, type RangePreset } from './time-range';
import type { Bucket } from './usage-series';

export interface CustomRange {
  from: string;
  to: string;
  bucket: Bucket | 'AUTO';
}

const PRESETS = Object.entries(RANGE_PRESETS) as [Exclude<RangePreset, 'custom'>, { label: string }][];

export function ObservabilityFilters({
  agents,
  agentId,
  onAgentChange,
  preset,
  onPresetChange,
  custom,
  onCustomChange,
}: {
  agents: readonly { id: string; name: string }[];
  agentId: string;
  onAgentChange: (agentId: string) => void;
  preset: RangePreset;
  onPresetChange: (preset: RangePreset) => void;
  custom: CustomRange;
  onCustomChange: (custom: CustomRange) => void;
}) {
  return (
    <fieldset className="toolbar">
      <legend className="visually-hidden">Filters</legend>
      <Field label="Agent">
        {(control) => (
          <select
            {...control}
            className="select"
            value={agentId}
            onChange={(event) => onAgentChange(event.target.value)}
          >
            <option value="">All agents</option>
            {agents.map((node) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field">
        <span className="field-label" id="range-label">
          Time range
        </span>
        <ToggleGroup.Root
          type="single"
          className="segmented"
          value={preset}
          aria-labelledby="range-label"
          onValueChange={(value) => {
            if (value) onPresetChange(value as RangePreset);
          }}
        >
          {PRESETS.map(([key, { label }]) => (
            <ToggleGroup.Item key={key} value={key} className="segmented-item">
              {label}
            </ToggleGroup.Item>
          ))}
          <ToggleGroup.Item value="custom" className="segmented-item">
            Custom
          </ToggleGroup.Item>
        </ToggleGroup.Root>
      </div>
      {preset === 'custom' ? (
        <>
          <Field label="From">
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                className="input"
                value={custom.from}
                onChange={(event) => onCustomChange({ ...custom, from: event.target.value })}
              />
            )}
          </Field>
          <Field label="To" hint="Empty: now">
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                className="input"
                value={custom.to}
                onChange={(event) => onCustomChange({ ...custom, to: event.target.value })}
              />
            )}
          </Field>
          <Field label="Bucket">
            {(control) => (
              <select
                {...control}
                className="select"
                value={custom.bucket}
                onChange={(event) =>
                  onCustomChange({ ...custom, bucket: event.target.value as Bucket | 'AUTO' })
                }
              >
                <option value="AUTO">Automatic</option>
                <option value="MINUTE">Minute</option>
                <option value="HOUR">Hour</option>
                <option value="DAY">Day</option>
              </select>
            )}
          </Field>
        </>
      ) : null}
    </fieldset>
  );
}
