import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { RecordedEvent } from '../../eventstore/port.ts';
import { eventBytes, SlowSubscriberError, SubscriberQueue } from './subscriber-queue.ts';

let position = 0;
function event(text = 'step'): RecordedEvent {
  position++;
  return {
    id: `e${position}`,
    stream: 'run-1',
    type: 'ReasoningFailed',
    revision: position,
    position: String(position).padStart(12, '0'),
    data: { step: 1, error: { message: text } },
    metadata: {},
    recordedAt: new Date(0),
    schemaVersion: 1,
  } as unknown as RecordedEvent;
}

function queue(limits: { maxBytes: number; maxWaitMs: number }, now: () => number = Date.now) {
  const overflowed: SlowSubscriberError[] = [];
  const q = new SubscriberQueue(
    limits,
    () => {},
    (error) => overflowed.push(error),
    now,
  );
  return { q, overflowed };
}

describe('subscriber queue: slow consumers by bytes and time', () => {
  it('a burst of 10,000 small events to a reader that then reads them all is not a slow consumer', async () => {
    // Under 40 concurrent runs a prompt reader sees bursts of thousands of small events between two
    // of its turns; a count limit (1,000 before) closed it with 4429 although it kept up.
    const { q, overflowed } = queue({ maxBytes: 8 << 20, maxWaitMs: 30_000 });
    for (let i = 0; i < 10_000; i++) q.push(event());
    assert.equal(overflowed.length, 0);
    let read = 0;
    while (q.size > 0) {
      await q.next();
      read++;
    }
    assert.equal(read, 10_000);
    assert.equal(q.pendingBytes, 0);
  });

  it('holding more than maxBytes undelivered fails the queue, once, with SLOW_CONSUMER', async () => {
    const big = event('x'.repeat(10_000));
    const { q, overflowed } = queue({ maxBytes: 5 * eventBytes(big) + 10, maxWaitMs: 30_000 });
    for (let i = 0; i < 5; i++) q.push(event('x'.repeat(10_000)));
    assert.equal(overflowed.length, 0);
    q.push(event('x'.repeat(10_000)));
    q.push(event('x'.repeat(10_000)));
    assert.equal(overflowed.length, 1);
    assert.equal(overflowed[0]?.code, 'SLOW_CONSUMER');
    await assert.rejects(q.next(), SlowSubscriberError);
  });

  it('an oldest event waiting longer than maxWaitMs fails the queue; a reader that drains never does', async () => {
    let now = 0;
    const stalled = queue({ maxBytes: 8 << 20, maxWaitMs: 1000 }, () => now);
    const reading = queue({ maxBytes: 8 << 20, maxWaitMs: 1000 }, () => now);
    for (let second = 0; second < 5; second++) {
      stalled.q.push(event());
      reading.q.push(event());
      await reading.q.next();
      now += 600;
    }
    assert.equal(stalled.overflowed.length, 1);
    assert.match(stalled.overflowed[0]?.message ?? '', /read nothing for more than 1 s/);
    assert.equal(reading.overflowed.length, 0);
  });

  it('measures an event once however many queues it is pushed to', () => {
    const shared = event('y'.repeat(1000));
    const size = eventBytes(shared);
    assert.ok(size > 1000 && size < 2000, String(size));
    assert.equal(eventBytes(shared), size);
  });
});
