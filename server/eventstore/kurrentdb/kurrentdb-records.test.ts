import assert from 'node:assert/strict';
import type { RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { describe, it } from 'vitest';
import { z } from 'zod';
import { defineEventCatalogue } from '../../../schema/events/define.ts';
import { newEventId } from '../ids.ts';
import { prepareAppend } from '../prepare.ts';
import { toEventData, toRecordedEvent } from './kurrentdb-records.ts';

const catalogue = defineEventCatalogue([
  {
    type: 'RenamedThing',
    schemaVersion: 2,
    schema: z.strictObject({ title: z.string() }),
    upcasters: { 1: (data) => ({ title: data.name }) },
  },
]);

const created = new Date('2026-01-02T03:04:05.678Z');
const recorded = (overrides: Partial<Record<keyof KurrentRecordedEvent, unknown>>) =>
  ({
    streamId: 'run-7',
    id: 'A1B2C3D4-0000-7000-8000-000000000001',
    isJson: true,
    revision: 3n,
    type: 'RenamedThing',
    created,
    data: { title: 'now' },
    metadata: { correlationId: 'c-1', schemaVersion: 2 },
    position: { commit: 500n, prepare: 480n },
    ...overrides,
  }) as KurrentRecordedEvent;

describe('toRecordedEvent', () => {
  it('maps the envelope: lower-case id, number revision, encoded position, created as recordedAt', () => {
    const event = toRecordedEvent(recorded({}), catalogue);
    assert.deepEqual(event, {
      id: 'a1b2c3d4-0000-7000-8000-000000000001',
      stream: 'run-7',
      revision: 3,
      position: 'kdb:00000000000000000500:00000000000000000480',
      type: 'RenamedThing',
      data: { title: 'now' },
      metadata: { correlationId: 'c-1', schemaVersion: 2 },
      recordedAt: created,
    });
  });

  it('upcasts data written under an older schema version', () => {
    const event = toRecordedEvent(
      recorded({ data: { name: 'old' }, metadata: { schemaVersion: 1 } }),
      catalogue,
    );
    assert.deepEqual(event.data, { title: 'old' });
  });

  it('keeps foreign payloads readable: non-object JSON and binary data wrapped, odd metadata dropped', () => {
    const list = toRecordedEvent(recorded({ type: 'Foreign', data: [1, 2], metadata: undefined }), catalogue);
    assert.deepEqual(list.data, { value: [1, 2] });
    assert.deepEqual(list.metadata, {});
    const binary = toRecordedEvent(
      recorded({
        type: 'Foreign',
        isJson: false,
        data: new Uint8Array([104, 105]),
        metadata: new Uint8Array([1]),
      }),
      catalogue,
    );
    assert.deepEqual(binary.data, { value: 'aGk=' });
    assert.deepEqual(binary.metadata, {});
  });

  it('refuses an event without a log position (servers before 22.6)', () => {
    assert.throws(() => toRecordedEvent(recorded({ position: undefined }), catalogue), /no log position/);
  });
});

describe('toEventData', () => {
  it('sends the prepared id, type, JSON data and metadata (with schemaVersion)', () => {
    const id = newEventId();
    const [prepared] = prepareAppend(catalogue, 'run-7', [
      { id: id.toUpperCase(), type: 'RenamedThing', data: { title: 'x' }, metadata: { actor: 'user:ann' } },
    ]);
    assert.ok(prepared);
    assert.deepEqual(toEventData(prepared), {
      id,
      contentType: 'application/json',
      type: 'RenamedThing',
      data: { title: 'x' },
      metadata: { actor: 'user:ann', schemaVersion: 2 },
    });
  });
});
