import { agentsProjection } from './agents/agents-projection.ts';
import { annotationsProjection } from './annotations/annotations-projection.ts';
import { approvalsProjection } from './approvals/approvals-projection.ts';
import { auditProjection } from './audit/audit-projection.ts';
import { datasetsProjection } from './datasets/datasets-projection.ts';
import { evaluationsProjection } from './evaluations/evaluations-projection.ts';
import { memoriesProjection } from './memories/memories-projection.ts';
import { notificationChannelsProjection } from './notification-channels/notification-channels-projection.ts';
import type { Projection } from './projection.ts';
import { runSearchProjection } from './run-search/run-search-projection.ts';
import { runStepsProjection } from './run-steps/run-steps-projection.ts';
import { runsProjection } from './runs/runs-projection.ts';
import { usageProjection } from './usage/usage-projection.ts';

/** Every read model the runner keeps up to date. */
export const allProjections: readonly Projection[] = [
  agentsProjection,
  runsProjection,
  memoriesProjection,
  approvalsProjection,
  usageProjection,
  auditProjection,
  runStepsProjection,
  notificationChannelsProjection,
  annotationsProjection,
  runSearchProjection,
  datasetsProjection,
  evaluationsProjection,
];

/** The projection called `name`, or undefined. */
export function findProjection(name: string): Projection | undefined {
  return allProjections.find((projection) => projection.name === name);
}
