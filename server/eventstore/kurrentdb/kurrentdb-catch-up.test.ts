import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { type CatchUpSource, catchUp } from './kurrentdb-catch-up.ts';

/** A scripted subscription: yields its items, then fails with `error`, ends, or waits forever. */
function scripted(
  items: number[],
  then: Error | 'end' | 'hang',
  closed: number[],
  id: number,
): CatchUpSource<number> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const item of items) yield item;
      if (then === 'end') return;
      if (then === 'hang') await new Promise(() => undefined);
      throw then;
    },
    async close() {
      closed.push(id);
    },
  };
}

const transient = Object.assign(new Error('14 UNAVAILABLE'), { code: 14 });
const isTransient = (error: unknown) => error === transient;

describe('catchUp', () => {
  it('resubscribes after a drop or an end, from the checkpoint the consumer moved', async () => {
    const controller = new AbortController();
    const opened: number[] = [];
    const closed: number[] = [];
    let checkpoint = -1;
    // The "server" delivers everything after the checkpoint it is opened with.
    const log = [0, 1, 2, 3, 4, 5, 6];
    const scripts: Array<Error | 'end' | 'hang'> = [transient, 'end', 'hang'];
    const source = catchUp({
      signal: controller.signal,
      logger: silentLogger,
      isTransient,
      maxBackoffMs: 1,
      open: () => {
        opened.push(checkpoint);
        const n = opened.length;
        const rest = log.filter((item) => item > checkpoint).slice(0, n === 3 ? undefined : 2);
        return scripted(rest, scripts[n - 1] ?? 'hang', closed, n);
      },
    });
    const seen: number[] = [];
    for await (const item of source) {
      checkpoint = item;
      seen.push(item);
      if (seen.length === log.length) controller.abort();
    }
    assert.deepEqual(seen, log, 'no gap, no duplicate');
    assert.deepEqual(opened, [-1, 1, 3], 'each resubscription starts after the last item consumed');
    assert.deepEqual(closed, [1, 2, 3], 'every subscription is closed');
  });

  it('ends cleanly when aborted while waiting for the next event', async () => {
    const controller = new AbortController();
    const closed: number[] = [];
    const source = catchUp({
      signal: controller.signal,
      logger: silentLogger,
      isTransient,
      open: () => scripted([1], 'hang', closed, 1),
    });
    const seen: number[] = [];
    setTimeout(() => controller.abort(), 20);
    for await (const item of source) seen.push(item);
    assert.deepEqual(seen, [1]);
    assert.deepEqual(closed, [1]);
  });

  it('ends cleanly when aborted during the back-off, without opening again', async () => {
    const controller = new AbortController();
    let opens = 0;
    const source = catchUp({
      signal: controller.signal,
      logger: silentLogger,
      isTransient,
      maxBackoffMs: 60_000,
      open: () => {
        opens++;
        setTimeout(() => controller.abort(), 10);
        return scripted([], transient, [], opens);
      },
    });
    const started = Date.now();
    for await (const _ of source) assert.fail('nothing to deliver');
    assert.equal(opens, 1);
    assert.ok(Date.now() - started < 5_000);
  });

  it('throws errors that are not transient, after closing the subscription', async () => {
    const closed: number[] = [];
    const fatal = new Error('access denied');
    const source = catchUp({
      signal: new AbortController().signal,
      logger: silentLogger,
      isTransient,
      open: () => scripted([1], fatal, closed, 1),
    });
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const item of source) seen.push(item);
    }, fatal);
    assert.deepEqual(seen, [1]);
    assert.deepEqual(closed, [1]);
  });

  it('closes the subscription when the consumer stops early', async () => {
    const closed: number[] = [];
    const source = catchUp({
      signal: new AbortController().signal,
      logger: silentLogger,
      isTransient,
      open: () => scripted([1, 2, 3], 'hang', closed, 1),
    });
    for await (const item of source) if (item === 2) break;
    assert.deepEqual(closed, [1]);
  });
});
