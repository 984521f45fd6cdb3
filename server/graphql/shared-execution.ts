import {
  createSourceEventStream,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type GraphQLError,
} from 'graphql';

type Payload = object;

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Subscriptions whose events are resolved once per (event, operation) and shared by every
 * subscriber of the same operation: with 1000 subscribers of one run, an event is executed once,
 * not 1000 times (the cost that dominates fan-out). `key` names the operation: document,
 * operation name, variables and the viewer's role; an event object is the same for every
 * subscriber it is pushed to (the hub pushes one object), so results may be shared exactly when
 * the key and the event match. Event objects are held weakly: the cache empties itself.
 */
export function createSharedSubscribe(mask: (error: GraphQLError) => GraphQLError) {
  const cache = new WeakMap<Payload, Map<string, Promise<ExecutionResult>>>();
  // What graphql-js does for each event of a subscription, plus our error masking.
  const run = async (args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> => {
    const result = await execute({ ...args, rootValue: payload });
    return result.errors ? { ...result, errors: result.errors.map(mask) } : result;
  };
  const resolveEvent = (args: ExecutionArgs, key: string, payload: unknown) => {
    if (typeof payload !== 'object' || payload === null) return run(args, payload);
    let byKey = cache.get(payload);
    if (!byKey) {
      byKey = new Map();
      cache.set(payload, byKey);
    }
    let result = byKey.get(key);
    if (!result) {
      result = run(args, payload);
      byKey.set(key, result);
    }
    return result;
  };

  return async function subscribe(
    args: ExecutionArgs,
    key: string,
  ): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
    const source = await createSourceEventStream({ ...args, rootValue: undefined });
    if (!isAsyncIterable(source)) {
      const errors = (source as ExecutionResult).errors?.map(mask);
      return errors ? { ...(source as ExecutionResult), errors } : (source as ExecutionResult);
    }
    const events = source[Symbol.asyncIterator]();
    let failed = false;
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        if (failed) return { value: undefined, done: true };
        let next: IteratorResult<unknown>;
        try {
          next = await events.next();
        } catch (error) {
          // The source failed (a read, a slow subscriber): its last message is the masked error with
          // a code, then the operation completes. Thrown, it would close the whole socket (4500).
          failed = true;
          return { value: { errors: [mask(error as GraphQLError)] }, done: false };
        }
        if (next.done) return { value: undefined, done: true };
        return { value: await resolveEvent(args, key, next.value), done: false };
      },
      async return() {
        await events.return?.();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  };
}
