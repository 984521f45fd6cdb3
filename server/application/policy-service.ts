import { randomUUID } from 'node:crypto';
import {
  type PolicyEventData,
  type PolicyRule,
  policyStream,
  StreamKind,
} from '../../schema/events/index.ts';
import type { EventStore } from '../eventstore/port.ts';
import { foldPolicy } from '../safety/policy-state.ts';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.ts';
import { type Actor, appendDecision, loadStream } from './event-writer.ts';

/** A policy as the API shows it: its current version of the rules. */
export interface PolicyView {
  id: string;
  name: string;
  description: string | null;
  version: number;
  rules: PolicyRule[];
  archived: boolean;
}

/** One version of a policy's rules, as it was written. */
export interface PolicyVersionView {
  version: number;
  rules: PolicyRule[];
  /** The policy's description (set when it was created). */
  description: string | null;
  /** `PolicyUpdated.changedBy`, else the actor of the event's metadata. */
  changedBy: string | null;
  changedAt: Date;
}

export interface PolicyWriteResult {
  policy: PolicyView;
  position: string;
}

/** Creating and versioning safety policies (`policy-<id>` streams). Rules are checked by the catalogue. */
export interface PolicyService {
  /** Every policy, archived ones included, by name. */
  list(): Promise<PolicyView[]>;
  /** @throws NotFoundError */
  get(policyId: string): Promise<PolicyView>;
  /** Every version of the policy's rules, oldest first (read from its stream); [] when it does not exist. */
  versions(policyId: string): Promise<PolicyVersionView[]>;
  /** @throws InvalidInputError naming the field of the first invalid rule (e.g. `rules.0.match.tool`). */
  create(
    input: { name: string; description?: string; rules: unknown[] },
    actor: Actor,
  ): Promise<PolicyWriteResult>;
  /**
   * A new version replacing every rule.
   * @throws NotFoundError, InvalidInputError, ConflictError (another update won, or a stale `expectedVersion`).
   */
  update(
    policyId: string,
    input: { rules: unknown[]; expectedVersion?: number },
    actor: Actor,
  ): Promise<PolicyWriteResult>;
}

function toView(events: readonly PolicyEventData[]): PolicyView | null {
  const state = foldPolicy(events);
  if (!state) return null;
  const created = events.find((event) => event.type === 'PolicyCreated');
  const description = created?.type === 'PolicyCreated' ? (created.data.description ?? null) : null;
  return { id: state.policyId, ...state, description };
}

const asPolicyEvents = (events: readonly { type: string; data: Record<string, unknown> }[]) =>
  events.map((event) => ({ type: event.type, data: event.data }) as PolicyEventData);

/** The policy service over the event store. */
export function createPolicyService(options: { store: EventStore }): PolicyService {
  const { store } = options;
  const load = async (policyId: string) => {
    const loaded = await loadStream(store, policyStream(policyId));
    const policy = toView(asPolicyEvents(loaded.events));
    if (!policy) throw new NotFoundError('Policy', policyId);
    return { policy, revision: loaded.revision };
  };
  return {
    async list() {
      const byStream = new Map<string, PolicyEventData[]>();
      const filter = { streamPrefixes: [`${StreamKind.Policy}-`] };
      for (let after: string | null = null; ; ) {
        const page = await store.readAll({ after, maxCount: 1000, filter });
        for (const event of page) {
          const list = byStream.get(event.stream) ?? [];
          list.push({ type: event.type, data: event.data } as PolicyEventData);
          byStream.set(event.stream, list);
        }
        if (page.length < 1000) break;
        after = page[page.length - 1]?.position ?? null;
      }
      const views = [...byStream.values()].map(toView).filter((view) => view !== null);
      return views.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    },
    get: async (policyId) => (await load(policyId)).policy,
    async versions(policyId) {
      const events = await store.readStream(policyStream(policyId));
      const versions: PolicyVersionView[] = [];
      let description: string | null = null;
      for (const event of events) {
        const policyEvent = { type: event.type, data: event.data } as PolicyEventData;
        const actor = typeof event.metadata.actor === 'string' ? event.metadata.actor : null;
        if (policyEvent.type === 'PolicyCreated') description = policyEvent.data.description ?? null;
        if (policyEvent.type === 'PolicyArchived') continue;
        versions.push({
          version: policyEvent.data.version,
          rules: policyEvent.data.rules,
          description,
          changedBy: (policyEvent.type === 'PolicyUpdated' ? policyEvent.data.changedBy : undefined) ?? actor,
          changedAt: event.recordedAt,
        });
      }
      return versions;
    },
    async create(input, actor) {
      const policyId = randomUUID();
      const data = {
        policyId,
        name: input.name,
        ...(input.description === undefined ? {} : { description: input.description }),
        version: 1,
        rules: input.rules,
      };
      const result = await appendDecision(
        store,
        policyStream(policyId),
        [{ type: 'PolicyCreated', data }],
        'no_stream',
        actor,
      );
      return { policy: (await load(policyId)).policy, position: result.position };
    },
    async update(policyId, input, actor) {
      const { policy, revision } = await load(policyId);
      if (policy.archived) throw new InvalidInputError('id', `Policy ${policyId} is archived`);
      if (input.expectedVersion !== undefined && input.expectedVersion !== policy.version) {
        // A stale version is a conflict (ARCHITECTURE.md §7), not bad input: reload and retry.
        throw new ConflictError(`Policy is at version ${policy.version}, not ${input.expectedVersion}`);
      }
      const data = { policyId, version: policy.version + 1, rules: input.rules, changedBy: actor.id };
      const result = await appendDecision(
        store,
        policyStream(policyId),
        [{ type: 'PolicyUpdated', data }],
        revision,
        actor,
      );
      return { policy: (await load(policyId)).policy, position: result.position };
    },
  };
}
