import { Permission } from '../../auth/roles.ts';
import type { UserView } from '../../auth/users.ts';
import { builder } from '../builder.ts';
import { actorOf } from '../read-your-writes.ts';
import { Role } from './enums.ts';

/** `User`: an account that logs in with an email and a password. */
const User = builder.objectRef<UserView>('User').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    role: t.field({ type: Role, resolve: (user) => user.role }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    active: t.boolean({
      description: 'False while deactivated: no login, and its sessions and API tokens are refused.',
      resolve: (user) => user.deactivatedAt === null,
    }),
    deactivatedAt: t.expose('deactivatedAt', { type: 'DateTime', nullable: true }),
  }),
});

const LAST_ADMIN = 'CONFLICT when it would leave no active admin, NOT_FOUND for an unknown user.';

builder.queryField('users', (t) =>
  t.field({
    type: [User],
    description: 'Every account, oldest first.',
    authScopes: { permission: Permission.Administer },
    resolve: (_root, _args, context) => context.services.auth.listUsers(),
  }),
);

builder.mutationField('createUser', (t) =>
  t.field({
    type: User,
    description: 'BAD_USER_INPUT for a bad email or password, CONFLICT when the email is taken.',
    authScopes: { permission: Permission.Administer },
    args: {
      email: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
      role: t.arg({ type: Role, required: true }),
    },
    resolve: (_root, args, context) =>
      context.services.auth.createUser(
        { email: args.email, password: args.password, role: args.role },
        actorOf(context),
      ),
  }),
);

builder.mutationFields((t) => ({
  changeUserRole: t.field({
    type: User,
    description: `Sets a user's role; their open sessions carry it from their next request. ${LAST_ADMIN}`,
    authScopes: { permission: Permission.Administer },
    args: { id: t.arg.id({ required: true }), role: t.arg({ type: Role, required: true }) },
    resolve: (_root, args, context) =>
      context.services.auth.changeUserRole(String(args.id), args.role, actorOf(context)),
  }),
  deactivateUser: t.field({
    type: User,
    description: `Suspends an account: it cannot log in, and its sessions and the API tokens it created are refused at once. ${LAST_ADMIN}`,
    authScopes: { permission: Permission.Administer },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) =>
      context.services.auth.deactivateUser(String(args.id), actorOf(context)),
  }),
  reactivateUser: t.field({
    type: User,
    description: 'Lifts a suspension. NOT_FOUND for an unknown user.',
    authScopes: { permission: Permission.Administer },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) =>
      context.services.auth.reactivateUser(String(args.id), actorOf(context)),
  }),
  removeUser: t.field({
    type: User,
    description: `Deletes an account and revokes the API tokens it created; its sessions are refused at once. Returns the account as it was. ${LAST_ADMIN}`,
    authScopes: { permission: Permission.Administer },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => context.services.auth.removeUser(String(args.id), actorOf(context)),
  }),
}));
