import type { PolicyVersionView, PolicyView } from '../../application/policy-service.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { emailOf } from '../people.ts';
import { actorOf } from '../read-your-writes.ts';

const PolicyVersion = builder.objectRef<PolicyVersionView>('PolicyVersion').implement({
  description: 'One version of a policy’s rules, as written.',
  fields: (t) => ({
    version: t.exposeInt('version'),
    rules: t.field({ type: 'JSON', resolve: (version) => version.rules }),
    description: t.exposeString('description', { nullable: true }),
    changedBy: t.string({
      nullable: true,
      description: 'The email of who wrote this version.',
      resolve: (version, _args, context) => emailOf(context, version.changedBy),
    }),
    changedAt: t.expose('changedAt', { type: 'DateTime' }),
    note: t.exposeString('note', { nullable: true, description: 'Why the rules changed, as saved.' }),
  }),
});

/** `Policy`: safety rules as data, versioned; `rules` follow the event catalogue's PolicyRule. */
const Policy = builder.objectRef<PolicyView>('Policy').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    version: t.exposeInt('version'),
    rules: t.field({ type: 'JSON', resolve: (policy) => policy.rules }),
    archived: t.exposeBoolean('archived'),
    versions: t.field({
      type: [PolicyVersion],
      description: 'Every version of the rules, oldest first.',
      resolve: (policy, _args, context) => context.services.policies.versions(policy.id),
    }),
  }),
});

const CreatePolicyInput = builder.inputType('CreatePolicyInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
    rules: t.field({ type: 'JSON', required: true }),
  }),
});

const UpdatePolicyInput = builder.inputType('UpdatePolicyInput', {
  fields: (t) => ({
    rules: t.field({ type: 'JSON', required: true, description: 'Replaces every rule.' }),
    expectedVersion: t.int(),
    note: t.string({ description: 'Why the rules change (at most 500 characters); kept with the version.' }),
  }),
});

builder.queryField('policies', (t) =>
  t.field({
    type: [Policy],
    authScopes: { permission: Permission.Read },
    resolve: (_root, _args, context) => context.services.policies.list(),
  }),
);

// Policies have no read model: the service folds their streams, so a write is read back at once.
builder.mutationFields((t) => ({
  createPolicy: t.field({
    type: Policy,
    authScopes: { permission: Permission.Configure },
    args: { input: t.arg({ type: CreatePolicyInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const result = await context.services.policies.create(
        {
          name: input.name,
          rules: input.rules as unknown[],
          ...(input.description != null ? { description: input.description } : {}),
        },
        actorOf(context),
      );
      context.writes.push(result.position);
      return result.policy;
    },
  }),
  updatePolicy: t.field({
    type: Policy,
    authScopes: { permission: Permission.Configure },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdatePolicyInput, required: true }) },
    resolve: async (_root, { id, input }, context) => {
      const result = await context.services.policies.update(
        id,
        {
          rules: input.rules as unknown[],
          ...(input.expectedVersion != null ? { expectedVersion: input.expectedVersion } : {}),
          ...(input.note != null ? { note: input.note } : {}),
        },
        actorOf(context),
      );
      context.writes.push(result.position);
      return result.policy;
    },
  }),
}));
