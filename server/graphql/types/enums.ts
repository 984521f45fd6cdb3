import { HitlStatus as HitlStatusValues } from '../../../projections/approvals/hitl-status.ts';
import { RunStatus as RunStatusValues } from '../../../projections/runs/run-status.ts';
import {
  LlmProvider as LlmProviderValues,
  RiskLevel as RiskLevelValues,
} from '../../../schema/events/index.ts';
import { Role as RoleValues } from '../../auth/roles.ts';
import { builder } from '../builder.ts';

/** `RunStatus`: QUEUED RUNNING WAITING_FOR_APPROVAL COMPLETED FAILED CANCELLED. */
export const RunStatus = builder.enumType('RunStatus', { values: Object.values(RunStatusValues) });

/** `RiskLevel`: LOW MEDIUM HIGH CRITICAL. */
export const RiskLevel = builder.enumType('RiskLevel', { values: Object.values(RiskLevelValues) });

/** `SafetyDecision`: ALLOW REQUIRE_APPROVAL BLOCK, mapped to the catalogue's lower-case decisions. */
export const SafetyDecision = builder.enumType('SafetyDecision', {
  values: {
    ALLOW: { value: 'allow' },
    REQUIRE_APPROVAL: { value: 'require_approval' },
    BLOCK: { value: 'block' },
  } as const,
});

/** `HitlStatus`: PENDING APPROVED REJECTED EXPIRED. */
export const HitlStatus = builder.enumType('HitlStatus', { values: Object.values(HitlStatusValues) });

/** `LlmProvider`: OPENAI ANTHROPIC DEMO, mapped to the catalogue's lower-case provider names. */
export const LlmProvider = builder.enumType('LlmProvider', {
  values: {
    OPENAI: { value: LlmProviderValues.OpenAI },
    ANTHROPIC: { value: LlmProviderValues.Anthropic },
    DEMO: { value: LlmProviderValues.Demo },
  } as const,
});

/** `AgentStatus`: ACTIVE ARCHIVED. */
export const AgentStatus = builder.enumType('AgentStatus', {
  values: { ACTIVE: { value: 'active' }, ARCHIVED: { value: 'archived' } } as const,
});

/** `Role`: ADMIN OPERATOR ANALYST INTEGRATOR. */
export const Role = builder.enumType('Role', {
  values: {
    ADMIN: { value: RoleValues.Admin },
    OPERATOR: { value: RoleValues.Operator },
    ANALYST: { value: RoleValues.Analyst },
    INTEGRATOR: { value: RoleValues.Integrator },
  } as const,
});
