import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.ts';
import { pollUntil } from '../testkit/poll-until.ts';
import { tailLoop } from './tail-loop.ts';
import { createWakeSignal } from './wake-signal.ts';

/** A log the test appends to, tailed by `tailLoop`; counts the reads. */
function tailedLog(minReadIntervalMs: number) {
  const log: number[] = [];
  const wake = createWakeSignal();
  const abort = new AbortController();
  const reads: number[] = [];
  let next = 0;
  const items = tailLoop<number>({
    signal: abort.signal,
    wake,
    logger: silentLogger,
    maxIdleMs: 10_000,
    minReadIntervalMs,
    isTransient: () => false,
    async fetch() {
      reads.push(performance.now());
      const batch = log.slice(next, next + 2);
      return { items: batch, full: batch.length === 2 };
    },
    advance: (item) => {
      next = item + 1;
    },
  });
  const received: number[] = [];
  const consuming = (async () => {
    for await (const item of items) received.push(item);
  })();
  return {
    reads,
    received,
    append(n: number) {
      for (let i = 0; i < n; i++) log.push(log.length);
      wake.notify();
    },
    async stop() {
      abort.abort();
      wake.notify();
      await consuming;
    },
  };
}

const until = async (done: () => boolean) => {
  const { accepted } = await pollUntil(async () => done(), Boolean, 5000, 1);
  if (!accepted) throw new Error('timed out');
};

describe('tailLoop', () => {
  it('reads once per wake-up without a read interval', async () => {
    const tail = tailedLog(0);
    await until(() => tail.reads.length === 1);
    for (let i = 1; i <= 5; i++) {
      tail.append(1);
      await until(() => tail.received.length === i);
    }
    expect(tail.reads.length).toBe(6);
    await tail.stop();
  });

  it('with a read interval, reads appends that come faster together, and every event once, in order', async () => {
    const tail = tailedLog(40);
    await until(() => tail.reads.length === 1);
    const started = performance.now();
    // Twenty appends within about 20 ms: a read per append would be twenty reads.
    for (let i = 0; i < 20; i++) {
      tail.append(1);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await until(() => tail.received.length === 20);
    const readsAfterStart = tail.reads.filter((at) => at >= started).length;
    expect(readsAfterStart).toBeLessThan(20);
    expect(tail.received).toEqual(Array.from({ length: 20 }, (_, i) => i));
    await tail.stop();
  });

  it('reads a backlog batch after batch without waiting, and a lone append after a quiet spell at once', async () => {
    const tail = tailedLog(200);
    await until(() => tail.reads.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Seven events, two per read: the loop goes on past full batches without waiting the interval.
    const appendedBacklog = performance.now();
    tail.append(7);
    await until(() => tail.received.length === 7);
    expect(performance.now() - appendedBacklog).toBeLessThan(150);
    expect(tail.reads.filter((at) => at >= appendedBacklog).length).toBe(4);
    await tail.stop();
    const quiet = tailedLog(50);
    await until(() => quiet.reads.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const appended = performance.now();
    quiet.append(1);
    await until(() => quiet.received.length === 1);
    expect(performance.now() - appended).toBeLessThan(45);
    await quiet.stop();
  });
});
