import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, type LockHolder, lockDataDir } from './data-dir-lock.ts';

/** A pid that just exited (a child run to completion). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid as number;
}

function writeLock(dir: string, holder: Partial<LockHolder>): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ token: 'old', startedAt: 'then', ...holder }));
}

/** Names, sizes and modification times of everything in `dir`. */
function snapshot(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const stat = statSync(join(dir, name));
      return `${name} ${stat.size} ${stat.mtimeMs}`;
    });
}

describe('lockDataDir: a data directory belongs to one process', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spark-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the holder (pid, host, start) and removes it on release', () => {
    const lock = lockDataDir(dir);
    const written = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockHolder;
    assert.equal(written.pid, process.pid);
    assert.equal(written.token, lock.holder.token);
    assert.deepEqual(readdirSync(dir), [LOCK_FILE], 'no temporary file left behind');
    lock.release();
    assert.deepEqual(readdirSync(dir), []);
  });

  it('refuses a second holder while the first lives, naming the directory and pid, changing nothing', () => {
    const first = lockDataDir(dir);
    const before = snapshot(dir);
    assert.throws(
      () => lockDataDir(dir),
      (error: unknown) =>
        error instanceof DataDirLockedError &&
        error.message.includes(dir) &&
        error.message.includes(`process ${process.pid}`),
    );
    assert.deepEqual(snapshot(dir), before);
    first.release();
    lockDataDir(dir).release();
  });

  it('takes over the lock of a holder that died without releasing it', () => {
    writeLock(dir, { pid: deadPid(), host: undefined });
    const lock = lockDataDir(dir);
    assert.equal(lock.holder.pid, process.pid);
    assert.deepEqual(readdirSync(dir), [LOCK_FILE], 'the stale lock is gone, not set aside');
    lock.release();
  });

  it('takes over when the pid lives but belongs to a newer process (pid reused after a crash)', () => {
    const lock = lockDataDir(dir);
    lock.release();
    // Our parent runs, but did not start at the time recorded for the holder.
    writeLock(dir, { pid: process.ppid, host: lock.holder.host, processStart: '1' });
    if (lock.holder.processStart === null) return; // no /proc: start times cannot be compared here
    const taken = lockDataDir(dir);
    assert.equal(taken.holder.pid, process.pid);
    taken.release();
  });

  it('refuses a holder on another host, whose liveness it cannot check, and names the host', () => {
    writeLock(dir, { pid: 1, host: 'elsewhere' });
    assert.throws(() => lockDataDir(dir), /in use by process 1 on host elsewhere/);
  });

  it('refuses to guess about a file that is not a lock file', () => {
    writeFileSync(join(dir, LOCK_FILE), '{"hello":1}');
    assert.throws(() => lockDataDir(dir), /is not a Spark-Ops lock file/);
  });
});
