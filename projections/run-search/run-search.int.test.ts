import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import { silentLogger } from '../../server/logger.ts';
import { entry, type LogEntry, recordedLog } from '../../server/testkit/event-log.ts';
import { projectEvents, resetReadModels, sqlTargets, tableRows } from '../../server/testkit/read-models.ts';
import { InvalidPageRequestError } from '../pagination.ts';
import { LIVE_TABLES } from '../projection.ts';
import { countRuns, listRuns, type RunFilter, RunSort } from '../runs/queries.ts';
import { runsProjection } from '../runs/runs-projection.ts';
import { MAX_INDEXED_CHARS } from './mapping.ts';
import { runSearchProjection } from './run-search-projection.ts';

const runId = (n: number) => `01930000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;

interface RunSpec {
  n: number;
  goal: string;
  thoughts: string[];
  costUsd: number;
  tool?: { name: string; risk: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' };
  answer?: string;
  agentVersion?: number;
}

/** One run's events: started, a reasoning step per thought (the cost on the first), a safety verdict, done. */
function runStory(spec: RunSpec): LogEntry[] {
  const stream = runStream(runId(spec.n));
  const entries: LogEntry[] = [
    entry(stream, 'RunStarted', {
      ...exampleEvents.RunStarted,
      runId: runId(spec.n),
      agentVersion: spec.agentVersion ?? 1,
      inputs: { goal: spec.goal },
    }),
  ];
  spec.thoughts.forEach((thought, i) => {
    entries.push(
      entry(stream, 'ReasoningCompleted', {
        ...exampleEvents.ReasoningCompleted,
        step: i + 1,
        thought,
        costUsd: i === 0 ? spec.costUsd : 0,
      }),
    );
  });
  if (spec.tool) {
    entries.push(
      entry(stream, 'SafetyEvaluated', {
        ...exampleEvents.SafetyEvaluated,
        tool: spec.tool.name,
        risk: spec.tool.risk,
      }),
    );
  }
  if (spec.answer !== undefined) {
    entries.push(
      entry(stream, 'RunCompleted', { ...exampleEvents.RunCompleted, output: { answer: spec.answer } }),
    );
  }
  return entries;
}

const specs: RunSpec[] = [
  {
    n: 1,
    goal: 'Refund the customer for order 17',
    thoughts: ['The invoices show a double charge.', 'Send the apology.'],
    costUsd: 0.5,
    tool: { name: 'send_email', risk: 'HIGH' },
    answer: 'Refunded 40 euros',
  },
  {
    n: 2,
    goal: 'Summarise the weekly report',
    thoughts: ['Reading the spreadsheet of shipments.'],
    costUsd: 0.01,
    tool: { name: 'read_sheet', risk: 'LOW' },
    answer: 'Shipments grew by a quarter',
    agentVersion: 2,
  },
  {
    n: 3,
    goal: 'Refund a duplicate payment',
    thoughts: ['Check the ledger first.'],
    costUsd: 2,
    tool: { name: 'wire_money', risk: 'CRITICAL' },
  },
];

/** The log of every run above. */
function allEvents() {
  return recordedLog(specs.flatMap(runStory));
}

async function ids(db: SqlDatabase, filter: RunFilter, sort?: RunSort): Promise<string[]> {
  return (await listRuns(db, filter, { first: 50 }, sort)).items.map((run) => run.id);
}

for (const target of sqlTargets) {
  describe(`run search on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
      await resetReadModels(db);
      const events = allEvents();
      await projectEvents(db, runsProjection, events);
      await projectEvents(db, runSearchProjection, events);
    });
    afterAll(() => drop());

    it('finds runs by words of their goal, thoughts and final output, stemmed', async () => {
      assert.deepEqual(await ids(db, { search: 'refunds' }), [runId(3), runId(1)]);
      assert.deepEqual(await ids(db, { search: 'invoice' }), [runId(1)]); // a thought
      assert.deepEqual(await ids(db, { search: 'euros' }), [runId(1)]); // the final output
      assert.deepEqual(await ids(db, { search: 'spreadsheet shipments' }), [runId(2)]);
      assert.deepEqual(await ids(db, { search: 'refund -duplicate' }), [runId(1)]);
      assert.deepEqual(await ids(db, { search: 'ledger or spreadsheet' }), [runId(3), runId(2)]);
      assert.deepEqual(await ids(db, { search: '"double charge"' }), [runId(1)]);
      assert.deepEqual(await ids(db, { search: 'nothing-like-this' }), []);
      assert.equal(await countRuns(db, { search: 'refund' }), 2);
    });

    it('counts what it lists: plain words on the positionless terms, phrases on the documents', async () => {
      const searches = [
        'refunds',
        'invoice euros',
        'refund -duplicate',
        'ledger or spreadsheet',
        '"double charge"',
        '"charge double"',
        'double-charge',
        'nothing-like-this',
      ];
      for (const search of searches) {
        assert.equal(await countRuns(db, { search }), (await ids(db, { search })).length, search);
      }
      // A phrase in the wrong order matches both words but not the phrase: counted with positions.
      assert.equal(await countRuns(db, { search: '"charge double"' }), 0);
      assert.equal(await countRuns(db, { search: 'charge double' }), 1);
    });

    it('fills the terms of runs projected before the terms table existed, once', async () => {
      await db.query('DROP TABLE read.run_search_terms');
      await runSearchProjection.migrate(db, LIVE_TABLES, { logger: silentLogger });
      assert.equal(await countRuns(db, { search: 'refund' }), 2);
      await runSearchProjection.migrate(db, LIVE_TABLES, { logger: silentLogger });
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM read.run_search_terms');
      assert.equal(rows[0]?.n, 3);
    });

    it('takes hostile search text as words, never as syntax', async () => {
      for (const search of [
        `'"&|!:*()<-> \\ ' OR 1=1; --`,
        '"unclosed quote',
        '-',
        'or or or',
        '!!!(((',
        'refund & | ! <->',
        'the a an', // stop words only: no lexeme, so nothing matches
        'x'.repeat(500),
        'émoji 🎉 ünïcödé',
      ]) {
        const page = await listRuns(db, { search }, { first: 10 });
        assert.equal(page.items.length, await countRuns(db, { search }), search);
      }
      assert.deepEqual(await ids(db, { search: 'refund & | ! <->' }), [runId(3), runId(1)]);
      // Blank search is no search.
      assert.equal(await countRuns(db, { search: '   ' }), 3);
    });

    it('filters by tool, highest risk, agent version and cost range', async () => {
      assert.deepEqual(await ids(db, { tool: 'send_email' }), [runId(1)]);
      assert.deepEqual(await ids(db, { riskReached: 'CRITICAL' }), [runId(3)]);
      assert.deepEqual(await ids(db, { riskReached: 'MEDIUM' }), []);
      assert.deepEqual(await ids(db, { agentVersion: 2 }), [runId(2)]);
      assert.deepEqual(await ids(db, { minCostUsd: 0.01, maxCostUsd: 0.5 }), [runId(2), runId(1)]);
      assert.deepEqual(await ids(db, { minCostUsd: 1 }), [runId(3)]);
      assert.equal(await countRuns(db, { search: 'refund', tool: 'wire_money' }), 1);
    });

    it('sorts by start, cost, steps and duration, and pages through every order', async () => {
      assert.deepEqual(await ids(db, {}, RunSort.StartedAsc), [runId(1), runId(2), runId(3)]);
      assert.deepEqual(await ids(db, {}, RunSort.CostDesc), [runId(3), runId(1), runId(2)]);
      assert.deepEqual(await ids(db, {}, RunSort.CostAsc), [runId(2), runId(1), runId(3)]);
      assert.deepEqual((await ids(db, {}, RunSort.StepsDesc))[0], runId(1));
      // Run 3 has not finished: it sorts after every finished run.
      assert.equal((await ids(db, {}, RunSort.DurationDesc)).at(-1), runId(3));
      for (const sort of Object.values(RunSort)) {
        const seen: string[] = [];
        let after: string | null = null;
        for (let i = 0; i < 5; i++) {
          const page = await listRuns(db, {}, { first: 1, after }, sort);
          seen.push(...page.items.map((run) => run.id));
          if (!page.hasNextPage) break;
          after = page.endCursor;
        }
        assert.deepEqual(seen, await ids(db, {}, sort), sort);
      }
    });

    it('refuses a cursor of another order', async () => {
      const page = await listRuns(db, {}, { first: 1 }, RunSort.CostDesc);
      await assert.rejects(
        listRuns(db, {}, { first: 1, after: page.endCursor }, RunSort.StepsDesc),
        InvalidPageRequestError,
      );
    });

    it('gives the same rows however the log is cut into batches, and bounds the text', async () => {
      const long = 'lorem '.repeat(MAX_INDEXED_CHARS / 4);
      const events = [
        ...allEvents(),
        ...recordedLog(runStory({ n: 9, goal: 'Long', thoughts: [long, long, 'zebra'], costUsd: 0 })),
      ];
      await resetReadModels(db);
      await projectEvents(db, runSearchProjection, events);
      const whole = await tableRows(db, 'run_search');
      await resetReadModels(db);
      await projectEvents(db, runSearchProjection, events, [1, 2, 5, 8, events.length - 2]);
      assert.deepEqual(await tableRows(db, 'run_search'), whole);
      const longRow = whole.find((row) => row.run_id === runId(9));
      assert.equal(longRow?.indexed_chars, MAX_INDEXED_CHARS);
      // Past the bound, the last thought was not indexed.
      await projectEvents(db, runsProjection, events);
      assert.equal(await countRuns(db, { search: 'zebra' }), 0);
      assert.equal(await countRuns(db, { search: 'lorem' }), 1);
    });
  });
}
