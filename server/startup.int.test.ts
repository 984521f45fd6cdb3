import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { freePort } from '../e2e/harness.ts';
import { LOCK_FILE } from './data-dir-lock.ts';
import {
  type ServerProcess,
  startServerExpectingExit,
  startServerProcess,
} from './testkit/server-process.ts';

/** Every file under `dir` with its size and modification time. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const stat = statSync(join(dir, name));
      return `${name} ${stat.isDirectory() ? 'dir' : stat.size} ${stat.mtimeMs}`;
    });
}

const lockHolderPid = (dataDir: string) =>
  (JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number }).pid;

describe('starting the server: one process per data directory, a port in use is one clear line', () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.kill();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a port in use with one line naming it, before creating the data directory', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'spark-port-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    const occupied: Server = createServer();
    const port = await new Promise<number>((done) =>
      occupied.listen(0, '127.0.0.1', () => done((occupied.address() as { port: number }).port)),
    );
    try {
      const result = await startServerExpectingExit({ DATA_DIR: dataDir, LOG_LEVEL: 'info' }, port);
      assert.notEqual(result.code, 0);
      assert.equal(
        result.stderr,
        `Port ${port} on 127.0.0.1 is already in use: stop the other server or set PORT\n`,
      );
      assert.equal(existsSync(dataDir), false, 'nothing was created or seeded');
    } finally {
      occupied.close();
    }
  });

  it('refuses a second server on the same DATA_DIR, naming it and the holder, changing nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spark-lock-'));
    dirs.push(dataDir);
    const first = startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, await freePort());
    servers.push(first);
    await first.ready;
    const holder = first.child.pid as number;
    assert.equal(lockHolderPid(dataDir), holder);

    // Frozen, the first server writes nothing while the second tries; it still holds the lock.
    first.child.kill('SIGSTOP');
    try {
      const before = snapshot(dataDir);
      const second = await startServerExpectingExit(
        { DATA_DIR: dataDir, LOG_LEVEL: 'info' },
        await freePort(),
      );
      assert.notEqual(second.code, 0);
      const lines = second.stderr.trim().split('\n');
      assert.equal(lines.length, 1, second.stderr);
      assert.match(
        lines[0] ?? '',
        new RegExp(`DATA_DIR ${resolve(dataDir)} is in use by process ${holder}\\b`),
      );
      assert.deepEqual(snapshot(dataDir), before, 'the second process changed nothing in the directory');
    } finally {
      first.child.kill('SIGCONT');
    }
    assert.equal((await fetch(`${first.url}/health`)).status, 200, 'the first server runs on');

    // A holder killed with SIGKILL leaves its lock file behind; the next start takes it over.
    await first.kill();
    assert.equal(lockHolderPid(dataDir), holder);
    const third = startServerProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, await freePort());
    servers.push(third);
    await third.ready;
    assert.equal(lockHolderPid(dataDir), third.child.pid);
    const ready = await fetch(`${third.url}/ready`);
    assert.equal(ready.status, 200, await ready.text());
  });
});
