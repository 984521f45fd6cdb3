import { describe, expect, it } from 'vitest';
import { createBatchQueue, type Queued } from './batch-queue.ts';

/** A queue whose flushes wait until the test releases them, recording each batch. */
function heldQueue(options: { maxInFlight: number; maxBatch: number }) {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const queue = createBatchQueue<number, number>({
    ...options,
    async flush(batch: Queued<number, number>[]) {
      batches.push(batch.map((queued) => queued.request));
      await new Promise<void>((resolve) => releases.push(resolve));
      for (const queued of batch) {
        if (queued.request < 0) throw new Error(`bad ${queued.request}`);
        queued.resolve(queued.request * 10);
      }
    },
  });
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { queue, batches, releaseAll };
}

describe('createBatchQueue', () => {
  it('runs a lone request at once, alone', async () => {
    const { queue, batches, releaseAll } = heldQueue({ maxInFlight: 1, maxBatch: 10 });
    const answer = queue.submit(1);
    expect(batches).toEqual([[1]]);
    await releaseAll();
    await expect(answer).resolves.toBe(10);
  });

  it('sends the requests that came while every flush was busy together, at most maxBatch at a time', async () => {
    const { queue, batches, releaseAll } = heldQueue({ maxInFlight: 1, maxBatch: 3 });
    const answers = [1, 2, 3, 4, 5, 6].map((n) => queue.submit(n));
    expect(batches).toEqual([[1]]);
    await releaseAll();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('keeps up to maxInFlight flushes busy before it batches', async () => {
    const { queue, batches, releaseAll } = heldQueue({ maxInFlight: 2, maxBatch: 10 });
    const answers = [1, 2, 3, 4].map((n) => queue.submit(n));
    expect(batches).toEqual([[1], [2]]);
    await releaseAll();
    await Promise.all(answers);
    expect(batches).toEqual([[1], [2], [3, 4]]);
  });

  it('rejects, when a flush throws, only the requests it had not settled, and goes on', async () => {
    const { queue, releaseAll } = heldQueue({ maxInFlight: 1, maxBatch: 10 });
    const first = queue.submit(0);
    const batch = [2, -1, 3].map((n) => queue.submit(n));
    const outcomes = Promise.allSettled(batch);
    await releaseAll();
    await expect(first).resolves.toBe(0);
    const settled = await outcomes;
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('bad -1'));
    const after = queue.submit(7);
    await releaseAll();
    await expect(after).resolves.toBe(70);
  });
});
