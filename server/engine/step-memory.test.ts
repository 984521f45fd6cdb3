import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { foldRun } from './run-state.ts';
import { memoryToStore } from './step-memory.ts';
import { recorded, story } from './testing.ts';

const { runStarted, action, safety, approvalAsked, rejected, toolStarted, toolSucceeded, remembered } = story;
const memoryOf = (...events: Parameters<typeof recorded>[0]) => memoryToStore(foldRun(recorded(events)));

describe('memoryToStore', () => {
  test('an observation of the step: goal, thought, call and result', () => {
    assert.deepEqual(memoryOf(runStarted(), action(1), safety(1, 'allow'), toolStarted(1), toolSucceeded()), {
      step: 1,
      memoryKind: 'observation',
      text:
        'Working on "Resolve ticket 4711.", step 1: Step 1: use run_sql. → ' +
        'run_sql {"sql":"SELECT count(*) FROM tickets"} → {"rows":[{"count":3}]}',
    });
  });

  test('the same text whatever the key order of a result (PostgreSQL jsonb reads keys back in its own order)', () => {
    const asTheToolGaveIt = { columns: ['name', 'tickets'], rows: [{ name: 'bug', tickets: 10 }] };
    const asTheLogReadsIt = { rows: [{ tickets: 10, name: 'bug' }], columns: ['name', 'tickets'] };
    const live = memoryOf(
      runStarted(),
      action(1),
      safety(1, 'allow'),
      toolStarted(1),
      toolSucceeded(asTheToolGaveIt),
    );
    const replayed = memoryOf(
      runStarted(),
      action(1),
      safety(1, 'allow'),
      toolStarted(1),
      toolSucceeded(asTheLogReadsIt),
    );
    assert.equal(live?.text, replayed?.text);
    assert.match(
      live?.text ?? '',
      /→ \{"columns":\["name","tickets"\],"rows":\[\{"name":"bug","tickets":10\}\]\}$/,
    );
  });

  test('a human rejection with a comment is feedback', () => {
    const memory = memoryOf(
      runStarted(),
      action(1),
      safety(1, 'require_approval'),
      approvalAsked(1),
      rejected(),
    );
    assert.equal(memory?.memoryKind, 'feedback');
    assert.match(memory?.text ?? '', /^user-operator rejected run_sql .*: "Not before finance agrees\."$/);
  });

  test('the final output, as text when it is text', () => {
    assert.deepEqual(memoryOf(runStarted(), story.finish(1, 'All refunded.')), {
      step: 1,
      memoryKind: 'output',
      text: 'Final output for "Resolve ticket 4711.": All refunded.',
    });
  });

  test('nothing for malformed answers, steps under way, or steps already remembered', () => {
    assert.equal(memoryOf(runStarted(), story.malformed(1)), null);
    assert.equal(memoryOf(runStarted(), action(1)), null);
    assert.equal(memoryOf(runStarted(), action(1), safety(1, 'block'), remembered(1)), null);
    assert.equal(memoryOf(runStarted()), null);
  });

  test('memory text is never empty, as MemoryStored requires', () => {
    const memory = memoryOf(runStarted(), story.finish(1, ''));
    assert.ok((memory?.text.length ?? 0) > 0);
  });
});
