import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { createRunThoughts, type RunThoughtDelta } from './run-thoughts.ts';

const take = async (iterator: AsyncIterator<RunThoughtDelta>, count: number) => {
  const items: RunThoughtDelta[] = [];
  for (let i = 0; i < count; i++) {
    const result = await iterator.next();
    if (result.done) break;
    items.push(result.value);
  }
  return items;
};

describe('live run thoughts', () => {
  it('delivers each piece with the whole text so far, to the run’s subscribers only', async () => {
    const thoughts = createRunThoughts();
    const mine = thoughts.subscribe('run-a');
    const other = thoughts.subscribe('run-b');
    thoughts.append('run-a', 1, 'I will ');
    thoughts.append('run-a', 1, 'count.');
    assert.deepEqual(await take(mine, 2), [
      { runId: 'run-a', step: 1, attempt: 1, delta: 'I will ', text: 'I will ' },
      { runId: 'run-a', step: 1, attempt: 1, delta: 'count.', text: 'I will count.' },
    ]);
    thoughts.append('run-b', 3, 'b');
    assert.deepEqual(await take(other, 1), [{ runId: 'run-b', step: 3, attempt: 1, delta: 'b', text: 'b' }]);
    await mine.return?.();
    await other.return?.();
  });

  it('a late subscriber first gets the text so far; a finished step is no longer live', async () => {
    const thoughts = createRunThoughts();
    thoughts.append('run-a', 2, 'Half ');
    thoughts.append('run-a', 2, 'way');
    const late = thoughts.subscribe('run-a');
    assert.deepEqual(await take(late, 1), [
      { runId: 'run-a', step: 2, attempt: 1, delta: 'Half way', text: 'Half way' },
    ]);
    thoughts.end('run-a', 2);
    assert.equal(thoughts.activeRuns(), 0);
    const after = thoughts.subscribe('run-a');
    thoughts.append('run-a', 3, 'Next');
    assert.deepEqual(await take(after, 1), [
      { runId: 'run-a', step: 3, attempt: 1, delta: 'Next', text: 'Next' },
    ]);
    await late.return?.();
    await after.return?.();
  });

  it('a retry restarts the text as a new attempt', async () => {
    const thoughts = createRunThoughts();
    const sub = thoughts.subscribe('run-a');
    thoughts.append('run-a', 1, 'broken ans');
    thoughts.restart('run-a', 1);
    thoughts.append('run-a', 1, 'Whole answer');
    assert.deepEqual(
      (await take(sub, 3)).map(({ attempt, text }) => ({ attempt, text })),
      [
        { attempt: 1, text: 'broken ans' },
        { attempt: 2, text: '' },
        { attempt: 2, text: 'Whole answer' },
      ],
    );
    await sub.return?.();
  });

  it('merges updates for a subscriber that falls behind instead of holding them all', async () => {
    const thoughts = createRunThoughts();
    const slow = thoughts.subscribe('run-a', { bufferLimit: 2 });
    for (const word of ['a ', 'b ', 'c ', 'd ', 'e']) thoughts.append('run-a', 1, word);
    const items = await take(slow, 2);
    assert.deepEqual(items, [
      { runId: 'run-a', step: 1, attempt: 1, delta: 'a ', text: 'a ' },
      { runId: 'run-a', step: 1, attempt: 1, delta: 'b c d e', text: 'a b c d e' },
    ]);
    await slow.return?.();
  });

  it('return() and stop() end waiting subscribers', async () => {
    const thoughts = createRunThoughts();
    const sub = thoughts.subscribe('run-a');
    const waiting = sub.next();
    await sub.return?.();
    assert.deepEqual(await waiting, { value: undefined, done: true });
    const other = thoughts.subscribe('run-b');
    const pending = other.next();
    thoughts.stop();
    assert.deepEqual(await pending, { value: undefined, done: true });
  });
});
