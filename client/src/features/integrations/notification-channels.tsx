// Notification channels: webhooks, Slack and email told about approvals and run outcomes. Admins
// create, test, disable and delete them, and read each one's delivery log.
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../../api/graphql-errors';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { NotificationChannelsQuery, NotificationDeliveryStatus } from '../../gql/graphql';
import { humanizeEnum } from '../../lib/format';
import { DateTime } from '../../ui/date-time';
import { PlusIcon } from '../../ui/icons';
import { Callout, EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { NotificationChannelDialog } from './notification-channel-form';

const NotificationChannels = graphql(`
  query NotificationChannels {
    notificationChannels {
      id
      kind
      name
      url
      to
      events
      secretSet
      enabled
      createdAt
      lastDelivery {
        id
        status
        attempts
        responseCode
        createdAt
      }
    }
  }
`);

const NotificationDeliveries = graphql(`
  query NotificationDeliveries($id: ID!) {
    notificationChannel(id: $id) {
      id
      deliveries(first: 50) {
        id
        event
        status
        attempts
        responseCode
        lastError
        createdAt
        lastAttemptAt
        nextAttemptAt
        deliveredAt
      }
    }
  }
`);

const TestNotificationChannel = graphql(`
  mutation TestNotificationChannel($id: ID!) {
    testNotificationChannel(id: $id) {
      ok
      responseCode
      message
      latencyMs
    }
  }
`);

const SetNotificationChannelEnabled = graphql(`
  mutation SetNotificationChannelEnabled($id: ID!, $enabled: Boolean!) {
    setNotificationChannelEnabled(id: $id, enabled: $enabled) {
      id
      enabled
    }
  }
`);

const DeleteNotificationChannel = graphql(`
  mutation DeleteNotificationChannel($id: ID!) {
    deleteNotificationChannel(id: $id)
  }
`);

type Channel = NotificationChannelsQuery['notificationChannels'][number];

const STATUS_TONE: Record<NotificationDeliveryStatus, string> = {
  DELIVERED: 'badge-success',
  PENDING: 'badge-warning',
  SENDING: 'badge-info',
  FAILED: 'badge-danger',
  CANCELLED: '',
};

function StatusBadge({ status }: { status: NotificationDeliveryStatus }) {
  return <span className={`badge ${STATUS_TONE[status]}`}>{humanizeEnum(status)}</span>;
}

export function NotificationChannelsSection() {
  const [{ data, error, fetching }, refetch] = useStickyQuery({ query: NotificationChannels });
  const [adding, setAdding] = useState(false);
  const [logOf, setLogOf] = useState<Channel | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <section className="card" id="notifications" aria-labelledby="notifications-title">
      <div className="card-header">
        <h2 id="notifications-title">Notification channels</h2>
        <button type="button" className="btn btn-sm" onClick={() => setAdding(true)}>
          <PlusIcon size={14} />
          Add channel
        </button>
      </div>
      <p className="small muted">
        Webhooks (signed with X-Spark-Signature), Slack and email, told when approvals are requested,
        escalated, expired or decided and when runs complete, fail or are cancelled. Failed deliveries are
        retried.
      </p>
      {error && !data ? <ErrorState error={error} /> : null}
      {fetching && !data ? <LoadingState /> : null}
      {data && data.notificationChannels.length === 0 ? (
        <EmptyState title="No notification channels">
          Add one so approvals reach people who are not looking.
        </EmptyState>
      ) : null}
      {data && data.notificationChannels.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Notification channels">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>Events</th>
                <th>Last delivery</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.notificationChannels.map((channel) => (
                <ChannelRow
                  key={channel.id}
                  channel={channel}
                  onChanged={reload}
                  onShowLog={() => setLogOf(channel)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {logOf ? <DeliveryLog channel={logOf} onClose={() => setLogOf(null)} /> : null}
      {adding ? (
        <NotificationChannelDialog
          onClose={(created) => {
            setAdding(false);
            if (created) reload();
          }}
        />
      ) : null}
    </section>
  );
}

function ChannelRow({
  channel,
  onChanged,
  onShowLog,
}: {
  channel: Channel;
  onChanged: () => void;
  onShowLog: () => void;
}) {
  const [test, runTest] = useMutation(TestNotificationChannel);
  const [toggle, setEnabled] = useMutation(SetNotificationChannelEnabled);
  const [removal, remove] = useMutation(DeleteNotificationChannel);
  const result = test.data?.testNotificationChannel;
  const failure = test.error ?? toggle.error ?? removal.error;
  const target = channel.kind === 'EMAIL' ? channel.to.join(', ') || 'the approvers' : channel.url;
  return (
    <tr>
      <td className="cell-main">
        {channel.name}
        <div className="small muted">
          {target}
          {channel.secretSet && channel.kind === 'WEBHOOK' ? ' · signed' : ''}
          {channel.enabled ? '' : ' · disabled'}
        </div>
        {result ? (
          <Callout
            tone={result.ok ? 'success' : 'danger'}
            role="status"
            title={result.ok ? 'Test delivered' : 'Test failed'}
          >
            {result.message}
            {result.responseCode !== null && result.responseCode !== undefined
              ? ` (HTTP ${result.responseCode})`
              : ''}
            {` · ${result.latencyMs} ms`}
          </Callout>
        ) : null}
        {failure ? (
          <Callout tone="danger" role="alert">
            {describeError(failure)}
          </Callout>
        ) : null}
      </td>
      <td>{humanizeEnum(channel.kind)}</td>
      <td className="small">{channel.events.map(humanizeEnum).join(', ')}</td>
      <td>
        {channel.lastDelivery ? (
          <>
            <StatusBadge status={channel.lastDelivery.status} />
            <div className="small muted">
              {channel.lastDelivery.attempts} attempt{channel.lastDelivery.attempts === 1 ? '' : 's'}
              {channel.lastDelivery.responseCode ? ` · HTTP ${channel.lastDelivery.responseCode}` : ''}
            </div>
          </>
        ) : (
          <span className="muted small">None yet</span>
        )}
      </td>
      <td>
        <div className="row row-wrap">
          <button
            type="button"
            className="btn btn-sm"
            disabled={test.fetching}
            onClick={async () => {
              await runTest({ id: channel.id });
              onChanged();
            }}
          >
            {test.fetching ? 'Testing…' : 'Test'}
          </button>
          <button type="button" className="btn btn-sm" onClick={onShowLog}>
            Deliveries
          </button>
          <button
            type="button"
            className="btn btn-sm"
            disabled={toggle.fetching}
            onClick={async () => {
              const done = await setEnabled({ id: channel.id, enabled: !channel.enabled });
              if (!done.error) onChanged();
            }}
          >
            {channel.enabled ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            className="btn btn-sm btn-danger"
            disabled={removal.fetching}
            onClick={async () => {
              if (
                !window.confirm(`Delete the channel "${channel.name}"? Its pending deliveries are cancelled.`)
              )
                return;
              const done = await remove({ id: channel.id });
              if (!done.error) onChanged();
            }}
          >
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

function DeliveryLog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: NotificationDeliveries,
    variables: { id: channel.id },
    requestPolicy: 'network-only',
  });
  const deliveries = data?.notificationChannel?.deliveries ?? [];
  return (
    <section className="stack" aria-label={`Deliveries of ${channel.name}`}>
      <div className="card-header">
        <h3>Deliveries of {channel.name}</h3>
        <div className="row row-wrap">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => refetch({ requestPolicy: 'network-only' })}
          >
            Refresh
          </button>
          <button type="button" className="btn btn-sm" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      {error ? <ErrorState error={error} /> : null}
      {fetching && !data ? <LoadingState /> : null}
      {data && deliveries.length === 0 ? <p className="muted small">Nothing delivered yet.</p> : null}
      {deliveries.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Delivery log">
            <thead>
              <tr>
                <th>Event</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>Response</th>
                <th>Last error</th>
                <th>When</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>{humanizeEnum(delivery.event)}</td>
                  <td>
                    <StatusBadge status={delivery.status} />
                  </td>
                  <td>{delivery.attempts}</td>
                  <td>{delivery.responseCode ?? '—'}</td>
                  <td className="small">{delivery.lastError ?? '—'}</td>
                  <td className="small muted">
                    <DateTime value={delivery.deliveredAt ?? delivery.lastAttemptAt ?? delivery.createdAt} />
                    {delivery.nextAttemptAt ? (
                      <>
                        {' · next try '}
                        <DateTime value={delivery.nextAttemptAt} />
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
