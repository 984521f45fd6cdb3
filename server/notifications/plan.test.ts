// given(log events) → planned deliveries: which channel is told what, in log order.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import type { ChannelState } from './channel-state.ts';
import { notificationEventOf, SOURCE_EVENT_TYPES } from './notification-for.ts';
import { planBatch } from './plan.ts';

const sealed = exampleEvents.NotificationChannelCreated.secret;
const runStreamName = `run-${exampleIds.runId}`;
let position = 0;
const at = new Date('2026-03-01T10:00:00Z');

function event(type: string, data: Record<string, unknown>, stream = runStreamName) {
  position++;
  return {
    id: `e${position}`,
    stream,
    position: `pg:1:${String(position).padStart(6, '0')}`,
    type,
    data,
    recordedAt: at,
  };
}

function created(channelId: string, events: string[], kind = 'webhook') {
  return event(
    'NotificationChannelCreated',
    {
      channelId,
      kind,
      name: channelId,
      url: 'https://hooks.example.com/x',
      to: [],
      events,
      secret: sealed,
      by: 'admin',
    },
    `integration-${channelId}`,
  );
}

const ids = () => {
  let n = 0;
  return () => `d${++n}`;
};

describe('planning deliveries from the log', () => {
  it('maps every notification to catalogue event types, escalation included', () => {
    assert.deepEqual(SOURCE_EVENT_TYPES.APPROVAL_DECIDED, ['ApprovalGranted', 'ApprovalRejected']);
    assert.equal(notificationEventOf('ApprovalEscalated'), 'APPROVAL_ESCALATED');
    assert.equal(notificationEventOf('ApprovalExpired'), 'APPROVAL_EXPIRED');
    assert.equal(notificationEventOf('ToolCallStarted'), null);
    for (const types of Object.values(SOURCE_EVENT_TYPES))
      for (const type of types) assert.ok(type in exampleEvents, `${type} is in the catalogue`);
  });

  it('tells each subscribed channel once per event, and only of events after it was created', () => {
    const requested = event('ApprovalRequested', { ...exampleEvents.ApprovalRequested });
    const plan = planBatch(
      new Map(),
      [
        requested,
        created('a', ['APPROVAL_REQUESTED', 'RUN_COMPLETED']),
        created('b', ['RUN_FAILED']),
        event('RunCompleted', { ...exampleEvents.RunCompleted }),
        event('RunFailed', { error: { message: 'tool timed out' } }),
      ],
      { consoleUrl: 'https://ops.example.com', newId: ids() },
    );
    assert.deepEqual(
      plan.deliveries.map((d) => [d.channelId, d.event, d.id]),
      [
        ['a', 'RUN_COMPLETED', 'd1'],
        ['b', 'RUN_FAILED', 'd2'],
      ],
    );
    const body = JSON.parse(plan.deliveries[1]?.body ?? '{}');
    assert.deepEqual(body, {
      id: 'd2',
      event: 'RUN_FAILED',
      summary: `Run ${exampleIds.runId.slice(0, 8)} failed: tool timed out`,
      occurredAt: at.toISOString(),
      runId: exampleIds.runId,
      approvalId: null,
      url: `https://ops.example.com/maestro/runs/${exampleIds.runId}`,
      source: { eventId: 'e5', type: 'RunFailed', position: plan.deliveries[1] && body.source.position },
      details: { error: { message: 'tool timed out' } },
    });
    assert.deepEqual(plan.deliveries[0]?.target, {
      kind: 'webhook',
      url: 'https://hooks.example.com/x',
      secret: sealed,
    });
  });

  it('gives the same deliveries however the log is cut into batches', () => {
    const log = [
      created('a', ['APPROVAL_DECIDED', 'APPROVAL_ESCALATED', 'APPROVAL_EXPIRED']),
      event('ApprovalGranted', { ...exampleEvents.ApprovalGranted }),
      event('NotificationChannelDisabled', { channelId: 'a', by: 'admin' }, 'integration-a'),
      event('ApprovalRejected', { ...exampleEvents.ApprovalRejected }),
      event('NotificationChannelEnabled', { channelId: 'a', by: 'admin' }, 'integration-a'),
      event('ApprovalExpired', { approvalId: exampleIds.approvalId, action: 'escalate' }),
      event('ApprovalEscalated', { approvalId: exampleIds.approvalId, to: 'role:admin' }),
    ];
    const whole = planBatch(new Map(), log, { consoleUrl: null, newId: ids() });
    for (let cut = 0; cut <= log.length; cut++) {
      const newId = ids();
      const first = planBatch(new Map(), log.slice(0, cut), { consoleUrl: null, newId });
      const second = planBatch(first.channels, log.slice(cut), { consoleUrl: null, newId });
      assert.deepEqual([...first.deliveries, ...second.deliveries], whole.deliveries, `cut at ${cut}`);
    }
    assert.deepEqual(
      whole.deliveries.map((d) => JSON.parse(d.body).summary),
      [
        `Approval granted by user-operator in run ${exampleIds.runId.slice(0, 8)}`,
        `Approval expired in run ${exampleIds.runId.slice(0, 8)}: escalated by its on-expiry rule`,
        `Approval escalated to role:admin in run ${exampleIds.runId.slice(0, 8)}`,
      ],
    );
    assert.equal(JSON.parse(whole.deliveries[0]?.body ?? '{}').details.decision, 'APPROVED');
  });

  it('cancels the pending deliveries of a channel disabled or deleted in the batch', () => {
    const before = new Map<string, ChannelState>();
    const first = planBatch(before, [created('a', ['RUN_FAILED']), created('b', ['RUN_FAILED'])], {
      consoleUrl: null,
      newId: ids(),
    });
    const plan = planBatch(
      first.channels,
      [
        event('NotificationChannelDeleted', { channelId: 'a', by: 'admin' }, 'integration-a'),
        event('NotificationChannelDisabled', { channelId: 'b', by: 'admin' }, 'integration-b'),
        event('NotificationChannelEnabled', { channelId: 'b', by: 'admin' }, 'integration-b'),
        event('RunFailed', { error: { message: 'x' } }),
      ],
      { consoleUrl: null, newId: ids() },
    );
    assert.deepEqual(plan.cancelChannels, ['a']);
    assert.deepEqual(
      plan.deliveries.map((d) => d.channelId),
      ['b'],
    );
  });

  it('sends email channels with their recipients (none: the approvers, looked up when sent)', () => {
    const plan = planBatch(
      new Map(),
      [
        event(
          'NotificationChannelCreated',
          { channelId: 'm', kind: 'email', name: 'm', to: [], events: ['APPROVAL_REQUESTED'], by: 'admin' },
          'integration-m',
        ),
        event('ApprovalRequested', { ...exampleEvents.ApprovalRequested }),
      ],
      { consoleUrl: null, newId: ids() },
    );
    assert.deepEqual(plan.deliveries[0]?.target, { kind: 'email', to: [] });
  });
});
