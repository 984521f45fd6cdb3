import type { Session } from '../../auth/auth-service.ts';
import { Permission, type Viewer as ViewerShape } from '../../auth/roles.ts';
import type { ApiTokenView } from '../../auth/secret-tokens.ts';
import { MIN_PASSWORD_LENGTH } from '../../auth/users.ts';
import { builder } from '../builder.ts';
import type { ApiContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { actorOf } from '../read-your-writes.ts';
import { Role } from './enums.ts';

/** Where a login came from, for the audit trail. */
function originOf(context: ApiContext) {
  return { clientAddress: context.clientAddress, userAgent: context.userAgent };
}

/** `Viewer`: who the token belongs to. */
const Viewer = builder.objectRef<ViewerShape>('Viewer').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.field({ type: Role, resolve: (viewer) => viewer.role }),
    email: t.exposeString('email', { nullable: true }),
    apiTokenId: t.exposeID('tokenId', { nullable: true }),
    viaLoginLink: t.exposeBoolean('viaLoginLink', {
      description: 'The session came from a one-time login link: setPassword needs no current password.',
    }),
  }),
});

const SessionRef = builder.objectRef<Session>('Session').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Send as `Authorization: Bearer <token>`.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    viewer: t.field({ type: Viewer, resolve: (session) => session.viewer }),
  }),
});

const ApiToken = builder.objectRef<ApiTokenView>('ApiToken').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.field({ type: Role, resolve: (token) => token.role }),
    createdBy: t.exposeString('createdBy'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the token stops working (refused from then on); null: until revoked.',
    }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was last used, to within a minute (the write is throttled); null: never.',
    }),
  }),
});

const ApiTokenCreated = builder
  .objectRef<{ token: string; apiToken: ApiTokenView }>('ApiTokenCreated')
  .implement({
    fields: (t) => ({
      token: t.exposeString('token', { description: 'Shown once: only its hash is stored.' }),
      apiToken: t.field({ type: ApiToken, resolve: (created) => created.apiToken }),
    }),
  });

builder.queryFields((t) => ({
  me: t.field({
    type: Viewer,
    authScopes: { authenticated: true },
    resolve: (_root, _args, context) => context.viewer as ViewerShape,
  }),
  apiTokens: t.field({
    type: [ApiToken],
    authScopes: { permission: Permission.Administer },
    resolve: (_root, _args, context) => context.services.auth.listApiTokens(),
  }),
}));

builder.mutationFields((t) => ({
  login: t.field({
    type: SessionRef,
    description: 'Open: exchanges an email and password for a token.',
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, context) =>
      context.services.auth.login(args.email, args.password, originOf(context)),
  }),
  loginWithLink: t.field({
    type: SessionRef,
    description: 'Open: redeems a one-time login link (the first admin’s) for a token.',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => context.services.auth.loginWithLink(args.token, originOf(context)),
  }),
  createApiToken: t.field({
    type: ApiTokenCreated,
    authScopes: { permission: Permission.Administer },
    description: 'BAD_USER_INPUT for an empty or long name, or an `expiresAt` that is not in the future.',
    args: {
      name: t.arg.string({ required: true }),
      role: t.arg({ type: Role, defaultValue: 'integrator' }),
      expiresAt: t.arg({
        type: 'DateTime',
        description: 'When the token stops working; without it, it works until revoked.',
      }),
    },
    resolve: (_root, args, context) => {
      const name = args.name.trim();
      if (name === '' || name.length > 200) throw badInput('name', 'name has 1 to 200 characters');
      return context.services.auth.createApiToken(
        { name, role: args.role ?? 'integrator', expiresAt: args.expiresAt ?? null },
        actorOf(context),
      );
    },
  }),
  setPassword: t.field({
    type: Viewer,
    description: `Sets your password (${MIN_PASSWORD_LENGTH} to 1024 characters). The current password is required unless this session came from a one-time login link.`,
    authScopes: { authenticated: true },
    args: { currentPassword: t.arg.string(), newPassword: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const viewer = context.viewer as ViewerShape;
      await context.services.auth.setPassword(viewer, {
        currentPassword: args.currentPassword ?? null,
        newPassword: args.newPassword,
      });
      return viewer;
    },
  }),
  revokeApiToken: t.field({
    type: ApiToken,
    authScopes: { permission: Permission.Administer },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => context.services.auth.revokeApiToken(args.id, actorOf(context)),
  }),
}));
