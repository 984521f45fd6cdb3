import assert from 'node:assert/strict';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, it } from 'vitest';
import { ReplayScrubber } from './replay-scrubber';
import type { TraceEvent } from './trace-types';

/** A finished run's 21 events: revisions 0 to 20. */
const EVENTS: TraceEvent[] = Array.from({ length: 21 }, (_, revision) => ({
  position: `p:${revision}`,
  revision,
  type: revision === 0 ? 'RunStarted' : revision === 20 ? 'RunCompleted' : 'ToolCallSucceeded',
  data: {},
  recordedAt: new Date(Date.UTC(2026, 11, 1, 10, 0, revision)).toISOString(),
}));

/** The scrubber as the run page holds it: open state and revision in the parent. */
function Harness({ ended, startOpen = true }: { ended: boolean; startOpen?: boolean }) {
  const [open, setOpen] = useState(startOpen);
  const [revision, setRevision] = useState<number | null>(null);
  return (
    <>
      <ReplayScrubber
        open={open}
        onOpenChange={setOpen}
        events={open ? EVENTS : []}
        loading={false}
        ended={ended}
        revision={revision}
        onRevisionChange={setRevision}
      />
      <output aria-label="shown revision">{revision === null ? 'latest' : revision}</output>
    </>
  );
}

const position = () => screen.getByTestId('replay-scrubber').querySelector('[aria-live]')?.textContent ?? '';
const shown = () => screen.getByRole('status', { name: 'shown revision' }).textContent;

describe('ReplayScrubber', () => {
  it('loads nothing until opened', async () => {
    const user = userEvent.setup();
    render(<Harness ended startOpen={false} />);
    assert.equal(screen.queryByRole('slider'), null);
    await user.click(screen.getByRole('button', { name: 'Open replay' }));
    screen.getByRole('slider', { name: 'Replay position (revision)' });
  });

  it('calls a finished run ended, not live, and counts its events', () => {
    render(<Harness ended />);
    assert.equal(position(), 'Ended · 21 events');
  });

  it('calls a running run live', () => {
    render(<Harness ended={false} />);
    assert.equal(position(), 'Live · 21 events');
  });

  it('counts positions in events, the same unit as the total', async () => {
    const user = userEvent.setup();
    render(<Harness ended />);
    const previous = screen.getByRole('button', { name: 'Previous event' });
    for (let i = 0; i < 14; i++) await user.click(previous);
    assert.equal(shown(), '6');
    assert.match(position(), /^Event 7 of 21 · Tool call succeeded · /);
  });

  it('steps with the keyboard on the slider and returns to the end', async () => {
    const user = userEvent.setup();
    render(<Harness ended />);
    screen.getByRole('slider').focus();
    await user.keyboard('{Home}');
    assert.equal(shown(), '0');
    assert.match(position(), /^Event 1 of 21 · Run started/);
    await user.click(screen.getByRole('button', { name: 'Next event' }));
    assert.equal(shown(), '1');
    await user.click(screen.getByRole('button', { name: 'Back to the end' }));
    assert.equal(shown(), 'latest');
    assert.equal(position(), 'Ended · 21 events');
  });

  it('closing replay goes back to the latest state', async () => {
    const user = userEvent.setup();
    render(<Harness ended />);
    await user.click(screen.getByRole('button', { name: 'Previous event' }));
    assert.equal(shown(), '19');
    await user.click(screen.getByRole('button', { name: 'Close replay' }));
    assert.equal(shown(), 'latest');
    screen.getByRole('button', { name: 'Open replay' });
  });
});
