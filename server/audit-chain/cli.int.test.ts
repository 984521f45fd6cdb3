import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, it, test } from 'vitest';
import { exampleEvents } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/streams.ts';
import { loadConfig } from '../config.ts';
import { createPgliteDatabase } from '../db/pglite-database.ts';
import { newEventId } from '../eventstore/ids.ts';
import { silentLogger } from '../logger.ts';
import { openStorage } from '../storage.ts';
import { freshDataDir } from '../testkit/fresh-data-dir.ts';
import { runAuditCli } from './cli.ts';

const RUN = '01930000-0000-7000-8000-0000000000c1';

describe('npm run audit -- verify', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    dataDir = await freshDataDir('audit-cli-');
    env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const storage = await openStorage(loadConfig(env), silentLogger);
    await storage.store.append(runStream(RUN), [
      { id: newEventId(), type: 'RunStarted', data: { ...exampleEvents.RunStarted } },
    ]);
    await storage.close();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the verification and exits 0 when intact, 1 naming the break when a row was changed', async () => {
    const lines: string[] = [];
    assert.equal(await runAuditCli(['verify'], env, (line) => lines.push(line)), 0);
    assert.deepEqual(
      { ...JSON.parse(lines[0] as string), verifiedAt: 'x', durationMs: 0 },
      { runId: null, ok: true, eventsChecked: 1, brokenAt: null, verifiedAt: 'x', durationMs: 0, by: 'cli' },
    );

    const db = await createPgliteDatabase({ dataDir });
    await db.query(
      `UPDATE es.events SET data = jsonb_set(data, '{inputs,goal}', '"other"') WHERE stream_id = $1`,
      [runStream(RUN)],
    );
    await db.close();

    // The real command, as an operator runs it.
    const run = promisify(execFile)('npm', ['run', '--silent', 'audit', '--', 'verify', '--run', RUN], {
      env: { ...process.env, ...env },
    });
    await assert.rejects(run, (error: { code: number; stdout: string }) => {
      assert.equal(error.code, 1);
      const printed = JSON.parse(error.stdout.trim().split('\n').at(-1) as string);
      assert.deepEqual(printed.brokenAt, {
        stream: runStream(RUN),
        revision: 0,
        reason: 'hash mismatch: the event (or one before it) differs from what was written',
      });
      return true;
    });
  });
});

test('npm run audit prints the usage and exits 2 for an unknown command, opening nothing', async () => {
  const lines: string[] = [];
  const env = { DATA_DIR: '/nonexistent/never-opened' };
  assert.equal(await runAuditCli(['verfy'], env, (line) => lines.push(line)), 2);
  assert.equal(await runAuditCli(['verify', '--run'], env, (line) => lines.push(line)), 2);
  assert.match(lines[0] ?? '', /usage: npm run audit -- <command>/);
});
