import assert from 'node:assert/strict';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { describe, it } from 'vitest';
import { UsageChartCard } from './usage-chart-card';

const HOUR = 3_600_000;
const from = Date.parse('2026-12-01T10:00:00.000Z');
const rows = [
  {
    start: '2026-12-01T10:00:00.000Z',
    model: 'gpt-x',
    agentId: 'agent-7',
    agentName: 'Support',
    inputTokens: 100,
    outputTokens: 20,
    costUsd: 0.1,
    llmCalls: 2,
  },
];

function Location() {
  const location = useLocation();
  return <output aria-label="location">{`${location.pathname}${location.search}`}</output>;
}

function renderCard(agentId = '') {
  render(
    <MemoryRouter initialEntries={['/observability']}>
      <UsageChartCard
        title="Tokens over time"
        metric="tokens"
        rows={rows}
        fromMs={from}
        toMs={from + 2 * HOUR}
        bucket="HOUR"
        format={String}
        agentId={agentId}
      />
      <Location />
    </MemoryRouter>,
  );
}

const location = () => decodeURIComponent(screen.getByRole('status', { name: 'location' }).textContent ?? '');

describe('UsageChartCard links to the runs it counts', () => {
  it('a bar opens the runs explorer on its bucket, with the page’s agent', () => {
    renderCard('agent-1');
    const bars = screen.getAllByRole('link', { name: /^Runs of / });
    assert.equal(bars.length, 3);
    fireEvent.click(bars[1] as Element);
    assert.equal(
      location(),
      '/runs?agent=agent-1&since=2026-12-01T11:00:00.000Z&until=2026-12-01T12:00:00.000Z',
    );
  });

  it('by agent, a bar’s segment filters on that agent; Enter works from the keyboard', () => {
    renderCard();
    fireEvent.click(screen.getByRole('radio', { name: 'By agent' }));
    const segment = document.querySelector('rect.chart-hit:not([role])');
    assert.ok(segment, 'a segment is drawn for the bucket with usage');
    fireEvent.click(segment);
    assert.equal(
      location(),
      '/runs?agent=agent-7&since=2026-12-01T10:00:00.000Z&until=2026-12-01T11:00:00.000Z',
    );
    fireEvent.keyDown(screen.getAllByRole('link', { name: /^Runs of / })[2] as Element, { key: 'Enter' });
    assert.equal(location(), '/runs?since=2026-12-01T12:00:00.000Z&until=2026-12-01T13:00:00.000Z');
  });
});
