import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { eventCatalogue } from '../../schema/events/index.ts';
import { InvalidInputError } from '../application/errors.ts';
import { channelCreatedData } from './channel-commands.ts';
import { createSecretBox } from './secret-box.ts';

const box = createSecretBox('platform-secret-platform-secret-0123456789');
const id = '01930000-0000-7000-8000-0000000000aa';
const make = (input: Parameters<typeof channelCreatedData>[0], smtpConfigured = true) =>
  channelCreatedData(input, id, 'admin', { box, smtpConfigured });

function refusedOn(field: string, run: () => unknown) {
  assert.throws(run, (error: unknown) => error instanceof InvalidInputError && error.field === field);
}

describe('creating a notification channel', () => {
  it('seals a webhook secret and writes an event the catalogue accepts', () => {
    const data = make({
      kind: 'webhook',
      name: ' On-call ',
      url: 'https://hooks.example.com/spark',
      secret: 'a-signing-secret-of-24ch',
      events: ['RUN_FAILED', 'RUN_FAILED', 'APPROVAL_REQUESTED'],
    });
    assert.equal(data.name, 'On-call');
    assert.deepEqual(data.events, ['RUN_FAILED', 'APPROVAL_REQUESTED']);
    assert.ok(!JSON.stringify(data).includes('a-signing-secret'));
    assert.equal(box.open(data.secret as never), 'a-signing-secret-of-24ch');
    assert.doesNotThrow(() => eventCatalogue.validate('NotificationChannelCreated', data));
  });

  it('keeps a Slack URL sealed and shows its origin only', () => {
    const url = 'https://hooks.slack.com/services/T000/B000/XXXX';
    const data = make({ kind: 'slack', name: 's', url, events: ['APPROVAL_REQUESTED'] });
    assert.equal(data.url, 'https://hooks.slack.com');
    assert.equal(box.open(data.secret as never), url);
    assert.doesNotThrow(() => eventCatalogue.validate('NotificationChannelCreated', data));
  });

  it('names the field of bad input', () => {
    const webhook = {
      kind: 'webhook' as const,
      name: 'w',
      url: 'https://x.example/h',
      secret: 'a-signing-secret-of-24ch',
      events: ['RUN_FAILED'],
    };
    refusedOn('url', () => make({ ...webhook, url: null }));
    refusedOn('url', () => make({ ...webhook, url: 'https://user:pw@x.example/h' }));
    refusedOn('secret', () => make({ ...webhook, secret: 'short' }));
    refusedOn('to', () => make({ ...webhook, to: ['a@example.com'] }));
    refusedOn('events', () => make({ ...webhook, events: ['RUN_STARTED'] }));
    refusedOn('name', () => make({ ...webhook, name: 'x'.repeat(201) }));
    refusedOn('to', () => make({ kind: 'email', name: 'e', to: ['not-an-address'], events: ['RUN_FAILED'] }));
    refusedOn('url', () =>
      make({ kind: 'email', name: 'e', url: 'https://x.example', events: ['RUN_FAILED'] }),
    );
    refusedOn('kind', () => make({ kind: 'email', name: 'e', events: ['RUN_FAILED'] }, false));
  });
});
