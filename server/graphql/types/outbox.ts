import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { connectionFromPage, pageRequest } from '../connections.ts';
import type { OutboxMessageView } from '../context.ts';

/** `OutboxMessage`: an email the platform kept instead of sending (no SMTP configured). */
const OutboxMessage = builder.objectRef<OutboxMessageView>('OutboxMessage').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    runId: t.exposeID('runId', { nullable: true }),
    to: t.exposeStringList('to'),
    subject: t.exposeString('subject'),
    body: t.exposeString('body'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('outbox', (t) =>
  t.connection(
    {
      type: OutboxMessage,
      authScopes: { permission: Permission.Read },
      resolve: async (_root, args, context) => {
        const page = await context.services.listOutbox(pageRequest(args));
        return connectionFromPage(page, (message) => ({ at: message.createdAt, id: message.id }));
      },
    },
    { name: 'OutboxMessageConnection' },
    { name: 'OutboxMessageEdge' },
  ),
);
