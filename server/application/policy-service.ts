import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  type PolicyEventData,
  type PolicyRule,
  policyStream,
  StreamKind,
} from '../../schema/events/index.ts';
import type { Decision } from '../engine/refusal.ts';
import type { EventStore } from '../eventstore/port.ts';
import { foldPolicy } from '../safety/policy-state.ts';
import { type CommandHandler, type CommandTarget, createCommandHandler } from './command-handler.ts';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.ts';
import { type Actor, loadStream } from './event-writer.ts';

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
  /** The change note saved with this version; null for version 1 and saves without one. */
  note: string | null;
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
   * A new version replacing every rule; rules equal to the current ones change nothing (the
   * current version is returned).
   * @throws NotFoundError, InvalidInputError, ConflictError (another update won, or a stale `expectedVersion`).
   */
  update(
    policyId: string,
    input: { rules: unknown[]; expectedVersion?: number; note?: string },
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

/** A policy's events so far and where the last one landed (an unchanged save returns it). */
interface PolicyStream {
  events: PolicyEventData[];
  lastPosition: string | null;
}

function policyTarget(store: EventStore, policyId: string): CommandTarget<PolicyStream> {
  return {
    stream: policyStream(policyId),
    async load() {
      const loaded = await loadStream(store, policyStream(policyId));
      const lastPosition = loaded.events.at(-1)?.position ?? null;
      return { state: { events: asPolicyEvents(loaded.events), lastPosition }, revision: loaded.revision };
    },
    evolve: (state, event) => ({ ...state, events: [...state.events, ...asPolicyEvents([event])] }),
  };
}

function existing(state: PolicyStream, policyId: string): PolicyView {
  const policy = toView(state.events);
  if (!policy) throw new NotFoundError('Policy', policyId);
  return policy;
}

/** The policy service over the event store. */
export function createPolicyService(options: {
  store: EventStore;
  commands?: CommandHandler;
  /** Told after every write, so caches of this process (the engine's policies) never lag its own writes. */
  onChanged?: (policyId: string) => void;
}): PolicyService {
  const { store } = options;
  const commands = options.commands ?? createCommandHandler(store);
  const written = (policyId: string, result: { state: PolicyStream; position: string | null }) => {
    options.onChanged?.(policyId);
    return {
      policy: existing(result.state, policyId),
      position: result.position ?? result.state.lastPosition ?? '',
    };
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
    get: async (policyId) => existing((await policyTarget(store, policyId).load()).state, policyId),
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
          note: policyEvent.type === 'PolicyUpdated' ? (policyEvent.data.note ?? null) : null,
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
      const target: CommandTarget<PolicyStream> = {
        ...policyTarget(store, policyId),
        // A fresh id: nothing to read (`no_stream` guards a clash).
        load: async () => ({ state: { events: [], lastPosition: null }, revision: -1 }),
      };
      const result = await commands.execute(
        target,
        () => ({ events: [{ type: 'PolicyCreated', data }] }),
        actor,
      );
      return written(policyId, result);
    },
    async update(policyId, input, actor) {
      const decide = (state: PolicyStream): Decision => {
        const policy = existing(state, policyId);
        if (policy.archived) throw new InvalidInputError('id', `Policy ${policyId} is archived`);
        if (input.expectedVersion !== undefined && input.expectedVersion !== policy.version) {
          // A stale version is a conflict (ARCHITECTURE.md §7), not bad input: reload and retry.
          throw new ConflictError(`Policy is at version ${policy.version}, not ${input.expectedVersion}`);
        }
        // Saving the rules unchanged is not a new version: nothing is appended.
        if (isDeepStrictEqual(input.rules, policy.rules)) return { events: [] };
        const note = input.note?.trim();
        const data = {
          policyId,
          version: policy.version + 1,
          rules: input.rules,
          changedBy: actor.id,
          ...(note ? { note } : {}),
        };
        return { events: [{ type: 'PolicyUpdated', data }] };
      };
      return written(
        policyId,
        await commands.execute(policyTarget(store, policyId), decide, actor, { attempts: 1 }),
      );
    },
  };
}
