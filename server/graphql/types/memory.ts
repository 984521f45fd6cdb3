import type { MemoryMatch, MemoryView } from '../../../projections/memories/queries.ts';
import { Permission } from '../../auth/roles.ts';
import { builder } from '../builder.ts';
import { badInput } from '../errors.ts';

/** `Memory`: what an agent remembered at a step; `distance` is set on search results. */
export const Memory = builder.objectRef<MemoryView & { distance?: number }>('Memory').implement({
  fields: (t) => ({
    id: t.exposeID('memoryId'),
    runId: t.exposeID('runId'),
    agentId: t.exposeID('agentId', { nullable: true }),
    step: t.exposeInt('step'),
    kind: t.exposeString('kind'),
    text: t.exposeString('text'),
    embeddingModel: t.exposeString('embeddingModel'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    distance: t.float({
      nullable: true,
      description: 'Cosine distance to the search query (0: same direction).',
      resolve: (memory) => memory.distance ?? null,
    }),
  }),
});

const MAX_QUERY_LENGTH = 4000;

builder.queryField('searchMemories', (t) =>
  t.field({
    type: [Memory],
    authScopes: { permission: Permission.Read },
    args: {
      agentId: t.arg.id({ required: true }),
      query: t.arg.string({ required: true }),
      limit: t.arg.int({ defaultValue: 5 }),
    },
    resolve: async (_root, args, context): Promise<MemoryMatch[]> => {
      const limit = args.limit ?? 5;
      if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        throw badInput('limit', 'limit is from 1 to 100');
      const query = args.query.trim();
      if (query === '' || query.length > MAX_QUERY_LENGTH) {
        throw badInput('query', `query has 1 to ${MAX_QUERY_LENGTH} characters`);
      }
      return context.services.read.searchMemories(args.agentId, query, limit);
    },
  }),
);
