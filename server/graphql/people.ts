import type { ApiContext } from './context.ts';

/**
 * Who did something, as the API shows it: a user id recorded in the log becomes the user's email
 * (through the read side). Ids asked for in the same tick of one operation go as one batch.
 */
const batches = new WeakMap<ApiContext, Map<string, Promise<string>>>();
const waiting = new WeakMap<ApiContext, Map<string, (email: string) => void>>();

export function emailOf(context: ApiContext, id: string | null | undefined): Promise<string | null> {
  if (id == null) return Promise.resolve(null);
  let known = batches.get(context);
  if (!known) {
    known = new Map();
    batches.set(context, known);
  }
  const cached = known.get(id);
  if (cached) return cached;
  let queue = waiting.get(context);
  if (!queue) {
    const fresh = new Map<string, (email: string) => void>();
    waiting.set(context, fresh);
    queue = fresh;
    queueMicrotask(() => {
      waiting.delete(context);
      context.services.read.emails([...fresh.keys()]).then(
        (emails) => {
          for (const [asked, settle] of fresh) settle(emails.get(asked) ?? asked);
        },
        () => {
          for (const [asked, settle] of fresh) settle(asked);
        },
      );
    });
  }
  const settleQueue = queue;
  const promise = new Promise<string>((resolve) => settleQueue.set(id, resolve));
  known.set(id, promise);
  return promise;
}
