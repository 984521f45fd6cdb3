import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents } from '../../schema/events/examples.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import { entry, recordedLog } from '../../server/testkit/event-log.ts';
import {
  projectEvents,
  readModelRows,
  resetReadModels,
  sqlTargets,
} from '../../server/testkit/read-models.ts';
import { notificationChannelsProjection } from './notification-channels-projection.ts';
import { findChannel, listChannels } from './queries.ts';

const A = '01930000-0000-7000-8000-0000000000a1';
const B = '01930000-0000-7000-8000-0000000000b2';
const created = exampleEvents.NotificationChannelCreated;

function story() {
  return [
    entry(`integration-${A}`, 'NotificationChannelCreated', { ...created, channelId: A, name: 'hooks' }),
    entry(`integration-${B}`, 'NotificationChannelCreated', {
      channelId: B,
      kind: 'email',
      name: 'approvers',
      to: ['ops@example.com'],
      events: ['APPROVAL_REQUESTED'],
      by: 'user-admin',
    }),
    entry(`integration-${A}`, 'NotificationChannelDisabled', { channelId: A, by: 'user-admin' }),
    entry(`integration-${B}`, 'NotificationChannelDeleted', { channelId: B, by: 'user-admin' }),
    entry(`integration-${A}`, 'NotificationChannelEnabled', { channelId: A, by: 'user-admin' }),
    entry(`integration-${A}`, 'NotificationChannelDisabled', { channelId: A, by: 'user-admin' }),
  ];
}

for (const target of sqlTargets) {
  describe(`notification-channels writer and queries on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('gives the same rows however the log is cut into batches', async () => {
      const events = recordedLog(story());
      await resetReadModels(db);
      await projectEvents(db, notificationChannelsProjection, events);
      const whole = await readModelRows(db, [notificationChannelsProjection]);
      assert.equal(whole.notification_channels?.length, 2);
      for (let cut = 1; cut < events.length; cut++) {
        await resetReadModels(db);
        await projectEvents(db, notificationChannelsProjection, events, [cut]);
        assert.deepEqual(await readModelRows(db, [notificationChannelsProjection]), whole, `cut at ${cut}`);
      }
    });

    it('lists channels without their secret, deleted ones left out', async () => {
      await resetReadModels(db);
      await projectEvents(db, notificationChannelsProjection, recordedLog(story()));
      const list = await listChannels(db);
      assert.deepEqual(
        list.map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest),
        [
          {
            id: A,
            kind: 'webhook',
            name: 'hooks',
            url: created.url,
            to: [],
            events: [...created.events],
            secretSet: true,
            enabled: false,
            createdBy: 'user-admin',
          },
        ],
      );
      assert.ok(!JSON.stringify(list).includes(created.secret?.ciphertext ?? '??'));
      assert.equal(await findChannel(db, B), null);
    });
  });
}
