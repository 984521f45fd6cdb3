import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import { newEventId } from '../eventstore/ids.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { errorCode, startTestApi, type TestApi } from './api-testkit.ts';

const RUNS = `query($filter: RunFilter, $sort: RunSort, $first: Int, $after: String) {
  runs(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id goal metrics { costUsd } } } } }`;

type RunsPage = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string; goal: string; metrics: { costUsd: number } } }[];
};

describe('the runs explorer API (PGlite)', () => {
  let t: TestApi;
  let token: string;
  let drop: () => Promise<void>;
  const ids: string[] = [];
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    t = await startTestApi({ db: target.db, worker: false });
    token = await t.tokenFor('admin');
    const goals = ['Refund order 17', 'Summarise the weekly shipments', 'Refund a duplicate payment'];
    let position = '';
    for (const [i, goal] of goals.entries()) {
      const runId = newEventId();
      ids.push(runId);
      const stream = runStream(runId);
      ({ position } = await t.store.append(stream, [
        {
          id: newEventId(),
          type: 'RunStarted',
          data: { ...exampleEvents.RunStarted, runId, inputs: { goal } },
        },
        {
          id: newEventId(),
          type: 'ReasoningCompleted',
          data: { ...exampleEvents.ReasoningCompleted, thought: `Thinking about ${goal}`, costUsd: i + 0.5 },
        },
      ]));
    }
    assert.equal(await t.runner.waitFor(position, 10_000), true);
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  async function runs(variables: Record<string, unknown>) {
    const { body } = await t.gql(RUNS, variables, { token });
    return { page: body.data?.runs as RunsPage | undefined, body };
  }

  it('searches, counts every match and sorts', async () => {
    const { page } = await runs({ filter: { search: 'refunds' }, first: 1, sort: 'COST_DESC' });
    assert.equal(page?.totalCount, 2);
    assert.deepEqual(
      page?.edges.map((edge) => edge.node.goal),
      ['Refund a duplicate payment'],
    );
    assert.equal(page?.pageInfo.hasNextPage, true);
    const next = await runs({
      filter: { search: 'refunds' },
      first: 1,
      sort: 'COST_DESC',
      after: page?.pageInfo.endCursor,
    });
    assert.deepEqual(
      next.page?.edges.map((edge) => edge.node.goal),
      ['Refund order 17'],
    );
    const cheap = await runs({ filter: { minCostUsd: 1, maxCostUsd: 2 } });
    assert.deepEqual(
      cheap.page?.edges.map((edge) => edge.node.metrics.costUsd),
      [1.5],
    );
    assert.equal((await runs({ filter: { search: '' } })).page?.totalCount, 3);
    // No step was annotated (StepAnnotated is appended by the annotations feature).
    assert.equal((await runs({ filter: { annotated: false } })).page?.totalCount, 3);
    assert.equal((await runs({ filter: { annotated: true } })).page?.totalCount, 0);
  });

  it('refuses bad filters as BAD_USER_INPUT naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ filter: { search: 'x'.repeat(501) } }, 'filter.search'],
      [{ filter: { search: 'a\u0000b' } }, 'filter.search'],
      [{ filter: { minCostUsd: -1 } }, 'filter.minCostUsd'],
      [{ filter: { minCostUsd: 2, maxCostUsd: 1 } }, 'filter.maxCostUsd'],
      [{ filter: { agentVersion: 0 } }, 'filter.agentVersion'],
      [{ filter: { tool: ' ' } }, 'filter.tool'],
      [{ filter: { since: '2025-02-01T00:00:00Z', until: '2025-01-01T00:00:00Z' } }, 'filter.until'],
      [{ sort: 'STEPS_DESC', after: 'bm90IGEgY3Vyc29y' }, 'after'],
    ];
    for (const [variables, field] of cases) {
      const { body } = await runs(variables);
      assert.equal(errorCode(body), 'BAD_USER_INPUT', field);
      assert.equal(body.errors?.[0]?.extensions?.field, field);
    }
  });
});
