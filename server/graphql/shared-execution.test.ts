import assert from 'node:assert/strict';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { describe, it } from 'vitest';
import { createSharedSubscribe } from './shared-execution.ts';

function schemaCounting(events: object[]) {
  const counter = { resolves: 0 };
  const Event = new GraphQLObjectType({
    name: 'Event',
    fields: {
      name: {
        type: GraphQLString,
        resolve: (event: { name: string }) => {
          counter.resolves++;
          if (event.name === 'boom') throw new Error('secret internals');
          return event.name;
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { x: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        events: {
          type: Event,
          subscribe: async function* () {
            yield* events;
          },
          resolve: (event: object) => event,
        },
      },
    }),
  });
  return { schema, counter };
}

async function drain(iterable: unknown): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const result of iterable as AsyncIterable<unknown>) out.push(JSON.parse(JSON.stringify(result)));
  return out;
}

describe('shared subscription execution', () => {
  it('resolves an event once for every subscriber of the same operation', async () => {
    const events = [{ name: 'a' }, { name: 'b' }];
    const { schema, counter } = schemaCounting(events);
    const subscribe = createSharedSubscribe((error) => error);
    const document = parse('subscription { events { name } }');
    const results = await Promise.all(
      [1, 2, 3].map(async () => drain(await subscribe({ schema, document }, 'same'))),
    );
    for (const result of results) {
      assert.deepEqual(result, [{ data: { events: { name: 'a' } } }, { data: { events: { name: 'b' } } }]);
    }
    assert.equal(counter.resolves, 2);
    await drain(await subscribe({ schema, document }, 'other'));
    assert.equal(counter.resolves, 4);
  });

  it('masks errors of an event', async () => {
    const { schema } = schemaCounting([{ name: 'boom' }]);
    const subscribe = createSharedSubscribe(() => new GraphQLError('masked'));
    const [result] = (await drain(
      await subscribe({ schema, document: parse('subscription { events { name } }') }, 'k'),
    )) as {
      errors: { message: string }[];
    }[];
    assert.equal(result?.errors[0]?.message, 'masked');
  });
});
