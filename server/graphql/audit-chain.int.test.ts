import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { runStream } from '../../schema/events/streams.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { errorCode, startEchoRun, startTestApi, type TestApi } from './api-testkit.ts';

const VERIFY = `query($runId: ID) { verifyAuditChain(runId: $runId) {
  ok eventsChecked brokenAt { stream revision reason } runId verifiedAt verifiedBy } }`;

describe('verifyAuditChain and lastAuditVerification', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const pglite = await createTestPglite();
    drop = pglite.drop;
    t = await startTestApi({ db: pglite.db, worker: false });
  });
  afterEach(async () => {
    await t.close();
    await drop();
  });

  it('verifies the log, names a row changed in the database, and shows the last verification', async () => {
    const token = await t.tokenFor('admin');
    assert.deepEqual((await t.gql('{ lastAuditVerification { ok } }', {}, { token })).body.data, {
      lastAuditVerification: null,
    });
    const runId = await startEchoRun(t);
    const whole = await t.gql(VERIFY, {}, { token });
    const ok = whole.body.data?.verifyAuditChain as Record<string, unknown>;
    assert.equal(ok.ok, true);
    assert.ok((ok.eventsChecked as number) >= 3, 'the agent, the run and the viewer records');
    assert.equal(ok.brokenAt, null);
    assert.equal(ok.verifiedBy, 'user-admin');

    const run = await t.gql(VERIFY, { runId }, { token });
    assert.deepEqual(
      { ...(run.body.data?.verifyAuditChain as object), verifiedAt: 'x' },
      { ok: true, eventsChecked: 1, brokenAt: null, runId, verifiedAt: 'x', verifiedBy: 'user-admin' },
    );

    await t.db.query(
      `UPDATE es.events SET data = jsonb_set(data, '{inputs,goal}', '"something else"') WHERE stream_id = $1`,
      [runStream(runId)],
    );
    const broken = await t.gql(VERIFY, { runId }, { token });
    assert.deepEqual((broken.body.data?.verifyAuditChain as { brokenAt: unknown } | undefined)?.brokenAt, {
      stream: runStream(runId),
      revision: 0,
      reason: 'hash mismatch: the event (or one before it) differs from what was written',
    });
    const last = await t.gql('{ lastAuditVerification { ok runId brokenAt { revision } } }', {}, { token });
    assert.deepEqual(last.body.data?.lastAuditVerification, { ok: false, runId, brokenAt: { revision: 0 } });
  });

  it('refuses a run id that is not one, and an unknown run, recording nothing', async () => {
    const token = await t.tokenFor('admin');
    assert.equal(errorCode((await t.gql(VERIFY, { runId: 'run-1' }, { token })).body), 'BAD_USER_INPUT');
    const unknown = await t.gql(VERIFY, { runId: '01930000-0000-7000-8000-00000000beef' }, { token });
    assert.equal(errorCode(unknown.body), 'NOT_FOUND');
    assert.deepEqual((await t.gql('{ lastAuditVerification { ok } }', {}, { token })).body.data, {
      lastAuditVerification: null,
    });
  });
});
