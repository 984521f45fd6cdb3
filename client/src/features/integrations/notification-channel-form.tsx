// The form that creates a notification channel: kind, name, where it goes, its secret, and what
// it is told about. Fields that do not apply to the kind are hidden (the server refuses them).
import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { formErrorsOf } from '../../api/graphql-errors';
import { graphql } from '../../gql';
import type { NotificationChannelKind, NotificationEvent } from '../../gql/graphql';
import { humanizeEnum } from '../../lib/format';
import { FormDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';

const CreateNotificationChannel = graphql(`
  mutation CreateNotificationChannel($input: CreateNotificationChannelInput!) {
    createNotificationChannel(input: $input) {
      id
      name
      secretSet
    }
  }
`);

export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = [
  'APPROVAL_REQUESTED',
  'APPROVAL_ESCALATED',
  'APPROVAL_EXPIRED',
  'APPROVAL_DECIDED',
  'RUN_COMPLETED',
  'RUN_FAILED',
  'RUN_CANCELLED',
];

const KINDS: readonly NotificationChannelKind[] = ['WEBHOOK', 'SLACK', 'EMAIL'];
const FIELDS = ['kind', 'name', 'url', 'secret', 'to', 'events'] as const;
type FieldName = (typeof FIELDS)[number];

export function NotificationChannelDialog({ onClose }: { onClose: (created: boolean) => void }) {
  const [kind, setKind] = useState<NotificationChannelKind>('WEBHOOK');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [to, setTo] = useState('');
  const [events, setEvents] = useState<NotificationEvent[]>([
    'APPROVAL_REQUESTED',
    'APPROVAL_ESCALATED',
    'APPROVAL_EXPIRED',
  ]);
  const [errors, setErrors] = useState<Partial<Record<FieldName | 'general', string>>>({});
  const [state, create] = useMutation(CreateNotificationChannel);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<FieldName, string>> = {
      ...(name.trim() ? {} : { name: 'Give the channel a name.' }),
      ...(kind !== 'EMAIL' && !url.trim() ? { url: 'Enter the URL to post to.' } : {}),
      ...(kind === 'WEBHOOK' && secret.length < 16
        ? { secret: 'The signing secret has at least 16 characters.' }
        : {}),
      ...(events.length === 0 ? { events: 'Choose at least one event.' } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const recipients = to
      .split(/[,\s]+/)
      .map((address) => address.trim())
      .filter(Boolean);
    const result = await create({
      input: {
        kind,
        name: name.trim(),
        events,
        ...(kind === 'EMAIL' ? { to: recipients } : { url: url.trim() }),
        ...(kind === 'WEBHOOK' ? { secret } : {}),
      },
    });
    if (result.error) {
      const sorted = formErrorsOf(result.error, FIELDS);
      setErrors({
        ...sorted.fields,
        ...(sorted.general.length > 0 ? { general: sorted.general.join(' ') } : {}),
      });
      return;
    }
    onClose(true);
  };

  return (
    <FormDialog
      title="Add notification channel"
      description="Secrets are stored sealed and never shown again."
      onCancel={() => onClose(false)}
      onSubmit={submit}
      generalError={errors.general}
    >
      <Field label="Kind" error={errors.kind}>
        {(control) => (
          <select
            {...control}
            className="select"
            value={kind}
            onChange={(e) => setKind(e.target.value as NotificationChannelKind)}
          >
            {KINDS.map((item) => (
              <option key={item} value={item}>
                {humanizeEnum(item)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Name" error={errors.name}>
        {(control) => (
          <input {...control} className="input" value={name} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      {kind !== 'EMAIL' ? (
        <Field
          label="URL"
          error={errors.url}
          hint={
            kind === 'SLACK'
              ? 'The Slack incoming-webhook URL (kept sealed: it is a credential).'
              : 'Where the JSON is POSTed.'
          }
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      {kind === 'WEBHOOK' ? (
        <Field
          label="Signing secret"
          error={errors.secret}
          hint="X-Spark-Signature: sha256=<hex HMAC-SHA256 of the raw body with this secret>."
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="password"
              autoComplete="off"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      {kind === 'EMAIL' ? (
        <Field
          label="Recipients"
          optional
          error={errors.to}
          hint="Comma-separated. Empty: every user who may approve."
        >
          {(control) => (
            <input {...control} className="input" value={to} onChange={(e) => setTo(e.target.value)} />
          )}
        </Field>
      ) : null}
      <fieldset className="fieldset" aria-invalid={Boolean(errors.events)}>
        <legend className="field-label">Events</legend>
        <div className="checkbox-grid">
          {NOTIFICATION_EVENTS.map((item) => (
            <label key={item} className="checkbox-card">
              <input
                type="checkbox"
                checked={events.includes(item)}
                onChange={(e) =>
                  setEvents((current) =>
                    e.target.checked ? [...current, item] : current.filter((x) => x !== item),
                  )
                }
              />{' '}
              {humanizeEnum(item)}
            </label>
          ))}
        </div>
        {errors.events ? (
          <div className="field-error" role="alert">
            {errors.events}
          </div>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={state.fetching}>
          Add channel
        </button>
      </div>
    </FormDialog>
  );
}
