/** The roles a token can carry (claim `role`), ARCHITECTURE.md §7. */
export const Role = {
  Admin: 'admin',
  Operator: 'operator',
  Analyst: 'analyst',
  Integrator: 'integrator',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What an operation needs; each GraphQL field and REST route names exactly one. */
export const Permission = {
  /** Every query and subscription. */
  Read: 'read',
  /** startRun (and the REST run route). */
  StartRun: 'startRun',
  /** cancelRun. */
  OperateRun: 'operateRun',
  /** approveHitlRequest, rejectHitlRequest. */
  Approve: 'approve',
  /** forkRun (replay is reading). */
  Fork: 'fork',
  /** annotateStep: feedback on a run's step (people who read traces: operators and analysts). */
  Annotate: 'annotate',
  /** createDataset, addDatasetItems, startEvaluation (which starts runs): operators and analysts. */
  Evaluate: 'evaluate',
  /** testLlmProvider: a real (tiny, paid) call through a configured provider. */
  TestIntegrations: 'testIntegrations',
  /** createAgent, updateAgent, archiveAgent, createPolicy, updatePolicy. */
  Configure: 'configure',
  /** API tokens and users (list and create). */
  Administer: 'administer',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

/**
 * The permission matrix. Operators run, approve, test providers, annotate steps and evaluate;
 * analysts read, replay, fork, annotate steps and evaluate (datasets, evaluations);
 * integrators read and start runs through the API; configuration (agents, policies), users and
 * tokens are the admin's.
 */
const GRANTS: Record<Role, readonly Permission[]> = {
  admin: Object.values(Permission),
  operator: [
    Permission.Read,
    Permission.StartRun,
    Permission.OperateRun,
    Permission.Approve,
    Permission.TestIntegrations,
    Permission.Annotate,
    Permission.Evaluate,
  ],
  analyst: [Permission.Read, Permission.Fork, Permission.Annotate, Permission.Evaluate],
  integrator: [Permission.Read, Permission.StartRun],
};

/** Whether `role` may do what `permission` guards. */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Who is calling: the token's `sub` and `role`; `tokenId` for an API token. */
export interface Viewer {
  id: string;
  role: Role;
  email: string | null;
  tokenId: string | null;
  /** The session was opened with a one-time login link: it may set a password without the current one. */
  viaLoginLink: boolean;
  /** When a JWT stops being valid (its `exp`); absent for API tokens, which live until revoked. */
  expiresAt?: Date | null;
}
