import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runStream } from '../schema/events/index.ts';
import { DEMO_AGENT_ID } from './application/demo-seed.ts';
import { loadConfig } from './config.ts';
import type { RunState } from './engine/run-state.ts';
import { silentLogger } from './logger.ts';
import { createPlatform, type Platform } from './platform.ts';
import { freshDataDir } from './testkit/fresh-data-dir.ts';

async function waitForStatus(
  platform: Platform,
  runId: string,
  statuses: string[],
  timeoutMs = 120_000,
): Promise<RunState> {
  const started = Date.now();
  for (;;) {
    const state = await platform.runs.get(runId);
    if (statuses.includes(state.status)) return state;
    if (Date.now() - started > timeoutMs) throw new Error(`run ${runId} stuck in ${state.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the platform on PGlite with no configuration: the demo agent end to end', () => {
  let dataDir: string;
  let platform: Platform;
  beforeAll(async () => {
    dataDir = await freshDataDir('spark-demo-');
    platform = await createPlatform(loadConfig({ DATA_DIR: dataDir }), { logger: silentLogger });
  });
  afterAll(async () => {
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo agent once, and it queries, analyses, asks approval, emails and finishes', async () => {
    assert.equal(platform.demoAgentId, DEMO_AGENT_ID);
    const agent = await platform.agents.get(DEMO_AGENT_ID);
    assert.equal(agent.config.llm.provider, 'demo');
    const { runId } = await platform.runs.start(
      { agentId: DEMO_AGENT_ID, inputs: { goal: 'Summarise last month of support tickets for the leads' } },
      { id: 'user:test' },
    );
    const waiting = await waitForStatus(platform, runId, ['WAITING_FOR_APPROVAL', 'FAILED', 'COMPLETED']);
    assert.equal(waiting.status, 'WAITING_FOR_APPROVAL', JSON.stringify(waiting.ending));
    assert.equal(waiting.approval?.tool, 'send_email');
    assert.equal(waiting.approval?.risk, 'HIGH');
    assert.deepEqual(await platform.outbox.list(), [], 'nothing sent before approval');

    await platform.runs.decide(
      runId,
      waiting.approval?.approvalId as string,
      { approve: true, comment: 'ok' },
      { id: 'user:lead' },
    );
    const done = await waitForStatus(platform, runId, ['COMPLETED', 'FAILED']);
    assert.equal(done.status, 'COMPLETED', JSON.stringify(done.ending));

    const events = await platform.storage.store.readStream(runStream(runId));
    const tools = events.filter((e) => e.type === 'ToolCallSucceeded').length;
    assert.equal(tools, 3, 'run_sql, execute_python and send_email succeeded');
    const verdicts = events
      .filter((e) => e.type === 'SafetyEvaluated')
      .map((e) => [e.data.tool, e.data.risk]);
    assert.deepEqual(verdicts, [
      ['run_sql', 'MEDIUM'],
      ['execute_python', 'MEDIUM'],
      ['send_email', 'HIGH'],
    ]);
    assert.ok(events.some((e) => e.type === 'MemoryStored'));
    const [email] = await platform.outbox.list({ runId });
    assert.ok(email, 'the email is in the outbox');
    assert.match(email.body, /\d/, 'the email carries numbers from the analysis');

    // The read models catch up: the run is listed as completed.
    const position = events.at(-1)?.position as string;
    assert.equal(await platform.projections.waitFor(position, 10_000), true);
  });

  it('does not seed the demo agent twice on a second start', async () => {
    const second = await createPlatform(loadConfig({ DATA_DIR: join(dataDir, 'other') }), {
      logger: silentLogger,
      worker: false,
    });
    try {
      assert.equal(second.demoAgentId, DEMO_AGENT_ID);
    } finally {
      await second.close();
    }
    const again = await platform.storage.store.readStream(`agent-${DEMO_AGENT_ID}`);
    assert.equal(again.length, 1);
  });
});
