import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents } from '../../schema/events/examples.ts';
import { entry, recordedLog } from '../../server/testkit/event-log.ts';
import { mapChannelEvents } from './mapping.ts';

const id = exampleEvents.NotificationChannelCreated.channelId;
const stream = `integration-${id}`;

describe('notification-channels mapping', () => {
  it('folds a batch into one change per channel: created once, latest enabled, deleted sticks', () => {
    const events = recordedLog([
      entry(stream, 'NotificationChannelCreated', { ...exampleEvents.NotificationChannelCreated }),
      entry(stream, 'NotificationChannelDisabled', { channelId: id, by: 'a' }),
      entry(stream, 'NotificationChannelEnabled', { channelId: id, by: 'a' }),
      entry(stream, 'NotificationChannelDeleted', { channelId: id, by: 'a' }),
      entry('run-x', 'RunFailed', { error: { message: 'x' } }),
    ]);
    const [change, ...rest] = mapChannelEvents(events);
    assert.deepEqual(rest, []);
    assert.equal(change?.created?.secretSet, true);
    assert.equal(change?.created?.name, 'Approvals to the on-call tool');
    assert.equal(change?.enabled, false);
    assert.equal(change?.deleted, true);
    assert.equal(change?.position, events[3]?.position);
    assert.ok(!JSON.stringify(change).includes('ciphertext'));
  });
});
