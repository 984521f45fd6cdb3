import { Permission } from '../../auth/roles.ts';
import type { UserView } from '../../auth/users.ts';
import { builder } from '../builder.ts';
import { Role } from './enums.ts';

/** `User`: an account that logs in with an email and a password. */
const User = builder.objectRef<UserView>('User').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    role: t.field({ type: Role, resolve: (user) => user.role }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

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
      context.services.auth.createUser({ email: args.email, password: args.password, role: args.role }),
  }),
);
