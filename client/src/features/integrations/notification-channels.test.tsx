import assert from 'node:assert/strict';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { NotificationChannelsSection } from './notification-channels';

const ADMIN = { role: 'ADMIN' };
const CHANNEL_ID = '22222222-2222-4222-8222-222222222222';

const channel = {
  __typename: 'NotificationChannel',
  id: CHANNEL_ID,
  kind: 'WEBHOOK',
  name: 'On-call hooks',
  url: 'https://hooks.example.com/spark',
  to: [],
  events: ['APPROVAL_REQUESTED', 'RUN_FAILED'],
  secretSet: true,
  enabled: true,
  createdAt: '2026-12-01T10:00:00.000Z',
  lastDelivery: {
    __typename: 'NotificationDelivery',
    id: 'd-1',
    status: 'DELIVERED',
    attempts: 2,
    responseCode: 200,
    createdAt: '2026-12-01T11:00:00.000Z',
  },
};

const channels = { data: { notificationChannels: [channel] } };

describe('NotificationChannelsSection', () => {
  it('lists channels with their last delivery, and shows the result of a test', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient(
      (name) =>
        name === 'NotificationChannels'
          ? channels
          : name === 'TestNotificationChannel'
            ? {
                data: {
                  testNotificationChannel: {
                    __typename: 'NotificationChannelTestResult',
                    ok: false,
                    responseCode: 500,
                    message: 'HTTP 500: receiver failed',
                    latencyMs: 42,
                  },
                },
              }
            : undefined,
      ADMIN,
    );
    renderWithApi(<NotificationChannelsSection />, client);
    const table = await screen.findByRole('table', { name: 'Notification channels' });
    const row = within(table).getByRole('row', { name: /On-call hooks/ });
    within(row).getByText('Delivered');
    within(row).getByText('2 attempts · HTTP 200');
    within(row).getByText('Approval requested, Run failed');
    within(row).getByText(/hooks\.example\.com\/spark · signed/);
    await user.click(within(row).getByRole('button', { name: 'Test' }));
    const result = await within(row).findByRole('status');
    within(result).getByText('Test failed');
    within(result).getByText(/HTTP 500: receiver failed \(HTTP 500\) · 42 ms/);
    assert.deepEqual(calls.find((call) => call.name === 'TestNotificationChannel')?.variables, {
      id: CHANNEL_ID,
    });
  });

  it('creates a signed webhook and puts the server’s refusal on the field it names', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const { client, calls } = testClient((name) => {
      if (name === 'NotificationChannels') return { data: { notificationChannels: [] } };
      if (name !== 'CreateNotificationChannel') return undefined;
      attempts++;
      return attempts === 1
        ? {
            errors: [
              {
                message: 'url must be an http:// or https:// URL',
                extensions: { code: 'BAD_USER_INPUT', field: 'url' },
              },
            ],
          }
        : {
            data: {
              createNotificationChannel: {
                __typename: 'NotificationChannel',
                id: CHANNEL_ID,
                name: 'Hooks',
                secretSet: true,
              },
            },
          };
    }, ADMIN);
    renderWithApi(<NotificationChannelsSection />, client);
    await screen.findByText('No notification channels');
    await user.click(screen.getByRole('button', { name: 'Add channel' }));
    const form = await screen.findByRole('form', { name: 'Add notification channel' });
    await user.type(within(form).getByLabelText('Name'), 'Hooks');
    await user.type(within(form).getByLabelText('URL'), 'https://hooks.example.com/in');
    await user.type(within(form).getByLabelText('Signing secret'), 'short');
    await user.click(within(form).getByLabelText('Run failed'));
    await user.click(within(form).getByRole('button', { name: 'Add channel' }));
    // Checked before it is sent: no request for a secret that is too short.
    within(form).getByText('The signing secret has at least 16 characters.');
    assert.equal(attempts, 0);
    await user.type(within(form).getByLabelText('Signing secret'), '-long-enough-now');
    await user.click(within(form).getByRole('button', { name: 'Add channel' }));
    await within(form).findByText('url must be an http:// or https:// URL');
    assert.equal(within(form).getByLabelText('URL').getAttribute('aria-invalid'), 'true');
    await user.click(within(form).getByRole('button', { name: 'Add channel' }));
    await screen.findByText('No notification channels');
    assert.equal(screen.queryByRole('form', { name: 'Add notification channel' }), null);
    assert.deepEqual(calls.filter((call) => call.name === 'CreateNotificationChannel').at(-1)?.variables, {
      input: {
        kind: 'WEBHOOK',
        name: 'Hooks',
        url: 'https://hooks.example.com/in',
        secret: 'short-long-enough-now',
        events: ['APPROVAL_REQUESTED', 'APPROVAL_ESCALATED', 'APPROVAL_EXPIRED', 'RUN_FAILED'],
      },
    });
  });

  it('shows a channel’s delivery log with attempts, response and last error', async () => {
    const user = userEvent.setup();
    const { client } = testClient(
      (name) =>
        name === 'NotificationChannels'
          ? channels
          : name === 'NotificationDeliveries'
            ? {
                data: {
                  notificationChannel: {
                    __typename: 'NotificationChannel',
                    id: CHANNEL_ID,
                    deliveries: [
                      {
                        __typename: 'NotificationDelivery',
                        id: 'd-2',
                        event: 'RUN_FAILED',
                        status: 'PENDING',
                        attempts: 1,
                        responseCode: 503,
                        lastError: 'HTTP 503: busy',
                        createdAt: '2026-12-01T12:00:00.000Z',
                        lastAttemptAt: '2026-12-01T12:00:01.000Z',
                        nextAttemptAt: '2026-12-01T12:00:06.000Z',
                        deliveredAt: null,
                      },
                    ],
                  },
                },
              }
            : undefined,
      ADMIN,
    );
    renderWithApi(<NotificationChannelsSection />, client);
    const table = await screen.findByRole('table', { name: 'Notification channels' });
    await user.click(within(table).getByRole('button', { name: 'Deliveries' }));
    const log = await screen.findByRole('table', { name: 'Delivery log' });
    const row = within(log).getByRole('row', { name: /Run failed/ });
    within(row).getByText('Pending');
    within(row).getByText('503');
    within(row).getByText('HTTP 503: busy');
    within(row).getByText(/next try/);
  });
});
