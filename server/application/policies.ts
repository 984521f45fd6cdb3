import type { PolicyEventData } from '../../schema/events/index.ts';
import { policyStream } from '../../schema/events/index.ts';
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

/**
 * The policies governing an agent: the built-in default policy (as recorded in its stream, so an
 * operator's edits count) and the agent's own policies. A missing policy id is a configuration error.
 */
export function createPolicyLoader(store: EventStore) {
  return async (policyIds: readonly string[]): Promise<PolicyState[]> => {
    const ids = [DEFAULT_POLICY_ID, ...policyIds.filter((id) => id !== DEFAULT_POLICY_ID)];
    const policies = await Promise.all(ids.map((id) => loadPolicy(store, id)));
    return policies.map((policy, i) => {
      if (policy) return policy;
      if (ids[i] === DEFAULT_POLICY_ID) return defaultPolicy;
      throw new Error(`Policy ${ids[i]} referenced by the agent does not exist`);
    });
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
