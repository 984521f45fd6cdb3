import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { contractCatalogue } from '../contract.ts';
import { EventIdConflictError } from '../errors.ts';
import { newEventId } from '../ids.ts';
import { prepareAppend } from '../prepare.ts';
import { encodePosition } from './kurrentdb-position.ts';
import { type ExistingEvent, replayResult } from './kurrentdb-replay.ts';

const batch = () =>
  prepareAppend(contractCatalogue, 'run-1', [
    { id: newEventId(), type: 'ThingHappened', data: { n: 1, nested: { ok: true } } },
    { id: newEventId(), type: 'OtherThingHappened', data: { label: 'two' } },
  ]);

/** The batch as KurrentDB would return it, written at `from` onwards. */
const stored = (prepared: ReturnType<typeof batch>, from: number): ExistingEvent[] =>
  prepared.map((event, i) => ({
    id: event.id.toUpperCase(),
    revision: from + i,
    position: encodePosition({ commit: 1000n + BigInt(i), prepare: 1000n + BigInt(i) }),
    type: event.type,
    data: JSON.parse(event.dataJson),
  }));

describe('replayResult', () => {
  it('is null when no id of the batch exists: a new append', () => {
    assert.equal(replayResult('run-1', batch(), []), null);
  });

  it('returns the original result for an identical replay, whatever case the server uses for ids', () => {
    const prepared = batch();
    const existing = stored(prepared, 4).reverse();
    assert.deepEqual(replayResult('run-1', prepared, existing), {
      nextExpectedRevision: 5,
      position: encodePosition({ commit: 1001n, prepare: 1001n }),
      replayed: true,
    });
  });

  it('refuses reused ids with other data or type, naming the ids found', () => {
    const prepared = batch();
    const otherData = stored(prepared, 0).map((event, i) =>
      i === 1 ? { ...event, data: { label: 'else' } } : event,
    );
    assert.throws(() => replayResult('run-1', prepared, otherData), EventIdConflictError);
    const otherType = stored(prepared, 0).map((event, i) =>
      i === 0 ? { ...event, type: 'Renamed' } : event,
    );
    assert.throws(() => replayResult('run-1', prepared, otherType), EventIdConflictError);
  });

  it('refuses a partial replay, and one whose events are not consecutive in batch order', () => {
    const prepared = batch();
    const [first, second] = stored(prepared, 0) as [ExistingEvent, ExistingEvent];
    assert.throws(
      () => replayResult('run-1', prepared, [first]),
      (error: unknown) =>
        error instanceof EventIdConflictError &&
        error.eventIds.length === 1 &&
        error.eventIds[0] === prepared[0]?.id,
    );
    assert.throws(
      () => replayResult('run-1', prepared, [first, { ...second, revision: 2 }]),
      EventIdConflictError,
    );
    assert.throws(
      () =>
        replayResult('run-1', prepared, [
          { ...first, revision: 1 },
          { ...second, revision: 0 },
        ]),
      EventIdConflictError,
    );
  });
});
