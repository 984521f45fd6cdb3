import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { z } from 'zod';
import { CatalogueValidationError, defineEventCatalogue, type EventDefinition } from './define.ts';

// A test-local event that really changed twice: v1 {name} → v2 renamed it to {title} → v3 added {tags}.
const NoteFiledV3 = z.strictObject({ noteId: z.uuid(), title: z.string().min(1), tags: z.array(z.string()) });
const noteFiled: EventDefinition = {
  type: 'NoteFiled',
  schemaVersion: 3,
  schema: NoteFiledV3,
  upcasters: {
    1: ({ name, ...rest }) => ({ ...rest, title: name }),
    2: (data) => ({ ...data, tags: [] }),
  },
};
const noteId = '01930000-0000-7000-8000-0000000000aa';

describe('defineEventCatalogue', () => {
  const catalogue = defineEventCatalogue([noteFiled]);

  test('upcasts version 1 through 2 to 3, and the result is valid under the current schema', () => {
    const upcast = catalogue.upcast('NoteFiled', 1, { noteId, name: 'Refund policy' });
    assert.deepEqual(upcast, { noteId, title: 'Refund policy', tags: [] });
    assert.deepEqual(catalogue.validate('NoteFiled', upcast), { data: upcast, schemaVersion: 3 });
  });

  test('upcasts version 2 with only the upcaster of version 2', () => {
    assert.deepEqual(catalogue.upcast('NoteFiled', 2, { noteId, title: 'Refunds' }), {
      noteId,
      title: 'Refunds',
      tags: [],
    });
  });

  test('leaves data at the current version untouched', () => {
    const current = { noteId, title: 'Refunds', tags: ['billing'] };
    assert.equal(catalogue.upcast('NoteFiled', 3, current), current);
  });

  test('passes the data of an unknown type through', () => {
    const data = { anything: true };
    assert.equal(catalogue.upcast('SomethingElse', 1, data), data);
  });

  test('any version 1 note becomes a valid version 3 note', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (name) => {
        const upcast = catalogue.upcast('NoteFiled', 1, { noteId, name });
        assert.deepEqual(catalogue.validate('NoteFiled', upcast).data, { noteId, title: name, tags: [] });
      }),
    );
  });

  test('a missing upcaster is an error naming the version', () => {
    const gappy = defineEventCatalogue([{ ...noteFiled, upcasters: { 2: (data) => data } }]);
    assert.throws(
      () => gappy.upcast('NoteFiled', 1, { noteId, name: 'x' }),
      /no upcaster from schemaVersion 1/,
    );
  });

  test('validate returns the current schema version', () => {
    assert.equal(catalogue.validate('NoteFiled', { noteId, title: 't', tags: [] }).schemaVersion, 3);
  });

  test('names the failing field, and an unknown key by its own name', () => {
    const failure = (data: unknown) => {
      try {
        catalogue.validate('NoteFiled', data);
      } catch (error) {
        if (error instanceof CatalogueValidationError) return error;
        throw error;
      }
      assert.fail('validate accepted invalid data');
    };
    assert.equal(failure({ noteId, title: 't', tags: [1] }).path, 'tags.0');
    const unknownKey = failure({ noteId, title: 't', tags: [], colour: 'red' });
    assert.equal(unknownKey.path, 'colour');
    assert.equal(unknownKey.eventType, 'NoteFiled');
    assert.match(unknownKey.message, /NoteFiled: field "colour" is not a known field/);
  });

  test('refuses a type defined twice', () => {
    assert.throws(() => defineEventCatalogue([noteFiled, noteFiled]), /NoteFiled is defined twice/);
  });
});
