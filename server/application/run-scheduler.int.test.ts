import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import type { SqlDatabase } from '../db/sql-database.ts';
import { silentLogger } from '../logger.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { createRunLeases } from './run-leases.ts';
import { createRunScheduler, type RunScheduler } from './run-scheduler.ts';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('run scheduler with row leases (PGlite)', () => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  const schedulers: RunScheduler[] = [];
  beforeEach(async () => {
    ({ db, drop } = await createTestPglite());
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await drop();
  });

  async function makeScheduler(
    owner: string,
    candidates: string[],
    drive: (runId: string) => Promise<{ wakeAt?: Date }>,
  ) {
    const leases = await createRunLeases({ db, owner, leaseMs: 5_000 });
    const scheduler = createRunScheduler({
      leases,
      findCandidates: async (limit) => candidates.slice(0, limit).map((runId) => ({ runId, revision: 0 })),
      drive: (runId) => drive(runId),
      concurrency: 3,
      pollMs: 20,
      renewMs: 1_000,
      giveUp: async () => undefined,
      logger: silentLogger,
    });
    schedulers.push(scheduler);
    return scheduler;
  }

  it('drives every candidate with at most `concurrency` at once, and two schedulers never drive one run together', async () => {
    const runs = Array.from({ length: 12 }, (_, i) => `run-${i}`);
    const remaining = new Set(runs);
    const driving = new Set<string>();
    let maxAtOnce = 0;
    let overlaps = 0;
    const drive = async (runId: string) => {
      if (driving.has(runId)) overlaps++;
      driving.add(runId);
      maxAtOnce = Math.max(maxAtOnce, driving.size);
      await delay(30);
      driving.delete(runId);
      remaining.delete(runId);
      return {};
    };
    for (const owner of ['a', 'b']) {
      const leases = await createRunLeases({ db, owner, leaseMs: 5_000 });
      const s = createRunScheduler({
        leases,
        // Both see every run that is left, so they compete for each one.
        findCandidates: async (limit) =>
          [...remaining].slice(0, limit).map((runId) => ({ runId, revision: 0 })),
        drive,
        concurrency: 3,
        pollMs: 10,
        renewMs: 1_000,
        giveUp: async () => undefined,
        logger: silentLogger,
      });
      schedulers.push(s);
      s.start();
    }
    const started = Date.now();
    while (remaining.size > 0 && Date.now() - started < 10_000) await delay(10);
    assert.equal(remaining.size, 0, 'every run was driven');
    assert.equal(overlaps, 0, 'no run was driven by two schedulers at once');
    assert.ok(maxAtOnce <= 6, `at most 3 per scheduler (saw ${maxAtOnce})`);
  });

  it('drives a nudged run at once and again when nudged while being driven', async () => {
    const driven: string[] = [];
    let release: () => void = () => undefined;
    const scheduler = await makeScheduler('n', [], async (runId) => {
      driven.push(runId);
      if (driven.length === 1)
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      return { wakeAt: new Date(Date.now() + 60_000) };
    });
    scheduler.start();
    scheduler.nudge('run-x');
    while (driven.length < 1) await delay(5);
    scheduler.nudge('run-x');
    release();
    const started = Date.now();
    while (driven.length < 2 && Date.now() - started < 5_000) await delay(5);
    assert.deepEqual(driven, ['run-x', 'run-x']);
  });

  it('wakes a sleeping run when its revision moves (decided in another process)', async () => {
    const view = { revision: 3 };
    let drives = 0;
    const leases = await createRunLeases({ db, owner: 'w2', leaseMs: 5_000 });
    const s = createRunScheduler({
      leases,
      findCandidates: async () => [{ runId: 'run-w', revision: view.revision }],
      drive: async () => {
        drives++;
        return { wakeAt: new Date(Date.now() + 60_000) };
      },
      concurrency: 2,
      pollMs: 10,
      renewMs: 1_000,
      giveUp: async () => undefined,
      logger: silentLogger,
    });
    schedulers.push(s);
    s.start();
    const started = Date.now();
    while (drives < 1 && Date.now() - started < 5_000) await delay(5);
    await delay(100);
    assert.equal(drives, 1, 'asleep while nothing changes');
    view.revision = 4;
    while (drives < 2 && Date.now() - started < 5_000) await delay(5);
    assert.equal(drives, 2, 'woken by the new revision');
  });

  it('retries a run whose driving threw, and lets a sleeping run wait until its wake time', async () => {
    let attempts = 0;
    const scheduler = await makeScheduler('r', ['run-flaky'], async () => {
      attempts++;
      if (attempts === 1) throw new Error('boom');
      return { wakeAt: new Date(Date.now() + 60_000) };
    });
    scheduler.start();
    const started = Date.now();
    while (attempts < 2 && Date.now() - started < 5_000) await delay(10);
    assert.equal(attempts, 2, 'retried after the failure');
    await delay(200);
    assert.equal(attempts, 2, 'not driven again before its wake time');
  });

  describe('hostile: a run that fails to drive every time', () => {
    it('gives a run up after maxDriveFailures failed drives in a row, backing off between them', async () => {
      let attempts = 0;
      const given: { runId: string; message: string; attempts: number }[] = [];
      const leases = await createRunLeases({ db, owner: 'g', leaseMs: 5_000 });
      const s = createRunScheduler({
        leases,
        findCandidates: async () => (given.length === 0 ? [{ runId: 'run-broken', revision: 0 }] : []),
        drive: async () => {
          attempts++;
          throw new Error('unsupported Unicode escape sequence');
        },
        giveUp: async (runId, failure) => {
          given.push({ runId, ...failure });
        },
        maxDriveFailures: 3,
        concurrency: 2,
        pollMs: 10,
        renewMs: 1_000,
        logger: silentLogger,
      });
      schedulers.push(s);
      s.start();
      const started = Date.now();
      while (given.length === 0 && Date.now() - started < 10_000) await delay(10);
      const elapsed = Date.now() - started;
      assert.deepEqual(given, [
        { runId: 'run-broken', message: 'unsupported Unicode escape sequence', attempts: 3 },
      ]);
      assert.equal(attempts, 3);
      assert.ok(elapsed >= 2_900, `backed off 1 s then 2 s between drives (took ${elapsed} ms)`);
    });
  });
});
