import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { EventCatalogue } from '../../schema/events/define.ts';
import { contractCatalogue } from './contract.ts';
import { EventValidationError } from './errors.ts';
import { newEventId } from './ids.ts';
import { prepareAppend, SANITIZED_METADATA_KEY } from './prepare.ts';

/** The contract catalogue, counting the validations it runs. */
function countingCatalogue(): EventCatalogue & { validations: number } {
  const counting = {
    validations: 0,
    has: (type: string) => contractCatalogue.has(type),
    upcast: contractCatalogue.upcast,
    validate(type: string, data: unknown) {
      counting.validations++;
      return contractCatalogue.validate(type, data);
    },
  };
  return counting;
}

describe('prepareAppend', () => {
  it('passes on data it prepared (as the audit chain hands a batch to the store) without checking it again', () => {
    const catalogue = countingCatalogue();
    const [first] = prepareAppend(catalogue, 'run-1', [
      { id: newEventId(), type: 'ThingHappened', data: { n: 1, payload: 'a\u0000b' } },
    ]);
    assert.ok(first);
    assert.equal(catalogue.validations, 1);
    // The chain seals the prepared event with one more metadata key and appends it to the store.
    const [second] = prepareAppend(catalogue, 'run-1', [
      { id: first.id, type: first.type, data: first.data, metadata: { ...first.metadata, chainHash: 'h' } },
    ]);
    assert.ok(second);
    assert.equal(catalogue.validations, 1);
    assert.equal(second.data, first.data);
    assert.equal(second.dataJson, first.dataJson);
    assert.deepEqual(JSON.parse(second.dataJson), { n: 1, payload: 'a\uFFFDb' });
    // The note of the first pass's repair stays; the new key is serialized with it.
    assert.deepEqual(second.metadata, { ...first.metadata, chainHash: 'h' });
    assert.deepEqual(JSON.parse(second.metadataJson), {
      [SANITIZED_METADATA_KEY]: { data: ['payload'] },
      schemaVersion: 1,
      chainHash: 'h',
    });
  });

  it('checks data again under another type, or from the caller, however often it was prepared', () => {
    const catalogue = countingCatalogue();
    const [prepared] = prepareAppend(catalogue, 'run-1', [
      { id: newEventId(), type: 'ThingHappened', data: { n: 1 } },
    ]);
    assert.ok(prepared);
    assert.throws(
      () =>
        prepareAppend(catalogue, 'run-1', [
          { id: newEventId(), type: 'OtherThingHappened', data: prepared.data },
        ]),
      (error: unknown) => error instanceof EventValidationError && /label/.test(error.message),
    );
    // A caller's own object is never taken as checked: changed after one append, it is checked again.
    const callers = { n: 2 } as Record<string, unknown>;
    prepareAppend(catalogue, 'run-1', [{ id: newEventId(), type: 'ThingHappened', data: callers }]);
    callers.n = 'two';
    assert.throws(
      () => prepareAppend(catalogue, 'run-1', [{ id: newEventId(), type: 'ThingHappened', data: callers }]),
      (error: unknown) => error instanceof EventValidationError && /"n"/.test(error.message),
    );
    assert.equal(catalogue.validations, 4);
  });
});
