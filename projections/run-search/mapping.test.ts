import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import { entry, exampleStory, recordedLog } from '../../server/testkit/event-log.ts';
import { jsonStrings, MAX_INDEXED_CHARS, mapRunSearchEvents } from './mapping.ts';

describe('run search mapping', () => {
  it('collects goal, thoughts and final output, the tools proposed and the highest risk', () => {
    const [change, ...others] = mapRunSearchEvents(recordedLog(exampleStory()));
    assert.equal(others.length, 0);
    assert.equal(
      change?.text,
      'Resolve ticket 4711.\nThe customer is owed a refund; tell them by email.\nDone.\nRefund confirmed to the customer by email.\n',
    );
    assert.equal(change?.textChars, Array.from(change?.text ?? '').length);
    assert.deepEqual(change?.tools, ['send_email']);
    assert.equal(change?.riskRank, 3); // HIGH
  });

  it('cuts a run’s text at the bound, counting code points', () => {
    const stream = runStream(exampleEvents.RunStarted.runId);
    const emoji = '🎉'.repeat(MAX_INDEXED_CHARS - 1);
    const [change] = mapRunSearchEvents(
      recordedLog([
        entry(stream, 'RunStarted', { ...exampleEvents.RunStarted, inputs: { goal: emoji } }),
        entry(stream, 'ReasoningCompleted', { ...exampleEvents.ReasoningCompleted, thought: 'more words' }),
      ]),
    );
    assert.equal(change?.textChars, MAX_INDEXED_CHARS);
    assert.equal(Array.from(change?.text ?? '').length, MAX_INDEXED_CHARS);
    assert.ok(change?.text.endsWith('\n'));
  });

  it('reads the strings of a JSON output in order', () => {
    assert.deepEqual(jsonStrings({ a: 'x', b: [1, { c: 'y' }, null, true] }), ['x', '1', 'y', 'true']);
  });
});
