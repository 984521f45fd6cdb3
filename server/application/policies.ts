import type { PolicyEventData } from '../../schema/events/index.ts';
import { policyStream, StreamKind } from '../../schema/events/index.ts';
import { WrongExpectedVersionError } from '../eventstore/errors.ts';
import { newEventId } from '../eventstore/ids.ts';
import type { EventStore } from '../eventstore/port.ts';
import { DEFAULT_POLICY_ID, defaultPolicy, defaultPolicyCreated } from '../safety/default-policy.ts';
import { foldPolicy, type PolicyState } from '../safety/policy-state.ts';

/** Loads a policy folded from its stream, or null when it does not exist. */
export async function loadPolicy(store: EventStore, policyId: string): Promise<PolicyState | null> {
  const events = await store.readStream(policyStream(policyId));
  return foldPolicy(events.map((event) => ({ type: event.type, data: event.data }) as PolicyEventData));
}

/** Resolves an agent's policy ids (the built-in default first) with `load`. */
async function policiesFor(
  policyIds: readonly string[],
  load: (policyId: string) => Promise<PolicyState | null>,
): Promise<PolicyState[]> {
  const ids = [DEFAULT_POLICY_ID, ...policyIds.filter((id) => id !== DEFAULT_POLICY_ID)];
  const policies = await Promise.all(ids.map(load));
  return policies.map((policy, i) => {
    if (policy) return policy;
    if (ids[i] === DEFAULT_POLICY_ID) return defaultPolicy;
    throw new Error(`Policy ${ids[i]} referenced by the agent does not exist`);
  });
}

/**
 * The policies governing an agent: the built-in default policy (as recorded in its stream, so an
 * operator's edits count) and the agent's own policies. A missing policy id is a configuration error.
 */
export function createPolicyLoader(store: EventStore) {
  return (policyIds: readonly string[]): Promise<PolicyState[]> =>
    policiesFor(policyIds, (policyId) => loadPolicy(store, policyId));
}

/** A policy loader that keeps folded policies until told a policy stream changed. */
export interface CachedPolicyLoader {
  load(policyIds: readonly string[]): Promise<PolicyState[]>;
  /** Forgets every cached policy: call on any append to a policy stream. */
  invalidate(): void;
  /** Feeds the process's live tail: invalidates on events of policy streams. */
  observe(event: { stream: string }): void;
}

/**
 * The engine's policy loader: reading every policy stream on every step cost a round trip per step
 * for data that changes a few times a day. This process's own writes invalidate at once; another
 * process's within the live tail's delay (one NOTIFY, tens of milliseconds), the same as if the
 * step had been evaluated a moment earlier. A load that races an invalidation is not kept.
 */
export function createCachedPolicyLoader(store: EventStore): CachedPolicyLoader {
  const cache = new Map<string, PolicyState>();
  let generation = 0;
  const loadOne = async (policyId: string): Promise<PolicyState | null> => {
    const cached = cache.get(policyId);
    if (cached) return cached;
    const startedAt = generation;
    const policy = await loadPolicy(store, policyId);
    // A missing policy is not cached: it may be created in a moment.
    if (policy && startedAt === generation) cache.set(policyId, policy);
    return policy;
  };
  const invalidate = () => {
    generation++;
    cache.clear();
  };
  return {
    load: (policyIds) => policiesFor(policyIds, loadOne),
    invalidate,
    observe(event) {
      if (event.stream.startsWith(`${StreamKind.Policy}-`)) invalidate();
    },
  };
}

/** Records the built-in policy as events on first start, so every verdict names a stored version. */
export async function seedDefaultPolicy(store: EventStore): Promise<void> {
  try {
    await store.append(
      policyStream(DEFAULT_POLICY_ID),
      [
        {
          id: newEventId(),
          type: 'PolicyCreated',
          data: defaultPolicyCreated,
          metadata: { actor: 'system:seed' },
        },
      ],
      { expected: 'no_stream' },
    );
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error; // already seeded
  }
}
