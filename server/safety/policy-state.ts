// A policy as the safety module evaluates it: the fold of its `policy-<id>` stream.
import type { PolicyEventData, PolicyRule } from '../../schema/events/index.ts';

/** The current version of one policy. An archived policy keeps its rules but no longer applies. */
export interface PolicyState {
  policyId: string;
  name: string;
  version: number;
  rules: PolicyRule[];
  archived: boolean;
}

/**
 * Applies one policy event. `PolicyCreated` starts the state (replacing anything before it);
 * `PolicyUpdated` replaces all rules and the version; `PolicyArchived` marks it archived. An update
 * or archive before any `PolicyCreated`, or for another policy id, is ignored. Never throws.
 */
export function evolvePolicy(state: PolicyState | null, event: PolicyEventData): PolicyState | null {
  switch (event.type) {
    case 'PolicyCreated': {
      const { policyId, name, version, rules } = event.data;
      return { policyId, name, version, rules, archived: false };
    }
    case 'PolicyUpdated':
      if (state === null || state.policyId !== event.data.policyId) return state;
      return { ...state, version: event.data.version, rules: event.data.rules };
    case 'PolicyArchived':
      if (state === null || state.policyId !== event.data.policyId) return state;
      return { ...state, archived: true };
  }
}

/** Folds a policy stream in order; null when it holds no `PolicyCreated`. */
export function foldPolicy(events: readonly PolicyEventData[]): PolicyState | null {
  return events.reduce<PolicyState | null>(evolvePolicy, null);
}
