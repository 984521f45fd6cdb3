import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** The file, inside DATA_DIR, naming the process that holds the directory (docs/adr/0003). */
export const LOCK_FILE = 'spark-ops.lock';

/** Who holds a data directory: enough to tell a live holder from a crashed one, and to name it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The kernel's start time of `pid` (Linux /proc), so a reused pid is not taken for the holder. */
  processStart: string | null;
  startedAt: string;
  /** Unique per acquisition: tells this lock file from a newer one at the same path. */
  token: string;
}

/** The data directory is held by another live process; nothing in it was changed. */
export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  readonly holder: LockHolder;
  constructor(dataDir: string, holder: LockHolder) {
    const where = holder.host === hostname() ? '' : ` on host ${holder.host}`;
    super(
      `DATA_DIR ${resolve(dataDir)} is in use by process ${holder.pid}${where} (since ${holder.startedAt}): ` +
        'stop it, or give this server another DATA_DIR',
    );
    this.name = 'DataDirLockedError';
    this.holder = holder;
  }
}

export interface DataDirLock {
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

/** The start time of `pid` in clock ticks since boot (field 22 of /proc/<pid>/stat), or null off Linux. */
function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  // Another host's pids cannot be checked from here: assume it runs, and say which host it is.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  // The pid runs; it is the holder only if it started when the holder did (pids are reused).
  const start = processStartOf(holder.pid);
  return holder.processStart === null || start === null || start === holder.processStart;
}

function readHolder(path: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<LockHolder>;
  if (typeof parsed.pid !== 'number' || typeof parsed.token !== 'string')
    throw new Error(`${path} is not a Spark-Ops lock file; remove it if no server uses this directory`);
  return {
    pid: parsed.pid,
    host: parsed.host ?? hostname(),
    processStart: parsed.processStart ?? null,
    startedAt: parsed.startedAt ?? 'an unknown time',
    token: parsed.token,
  };
}

/**
 * Takes `dataDir` (which must exist) for this process. The lock file appears complete or not at all
 * (written aside, then hard-linked into place: link fails if the name exists). A lock whose holder
 * is gone (crashed, even by SIGKILL) is moved aside and taken; a live holder is refused before
 * anything in the directory is written.
 * @throws DataDirLockedError when a live process holds the directory.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    processStart: processStartOf(process.pid),
    startedAt: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
  };
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = readHolder(path);
    if (current && isAlive(current)) throw new DataDirLockedError(dataDir, current);
    if (current) {
      // Stale: move it aside under a name of our own, and check we moved the one we judged stale
      // (a racing starter may have replaced it with its own live lock in between).
      const aside = `${path}.stale-${holder.token}`;
      try {
        renameSync(path, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = readHolder(aside);
      if (moved && moved.token !== current.token) {
        // A live lock: put it back unless yet another has appeared (then that one holds).
        tryLink(aside, path);
      }
      unlinkSync(aside);
      continue;
    }
    const candidate = `${path}.${holder.token}`;
    writeFileSync(candidate, `${JSON.stringify(holder)}\n`, { flag: 'wx', mode: 0o644 });
    const taken = tryLink(candidate, path);
    unlinkSync(candidate);
    if (taken) return ownLock(path, holder);
  }
  const current = readHolder(path);
  if (current) throw new DataDirLockedError(dataDir, current);
  throw new Error(`could not lock DATA_DIR ${resolve(dataDir)}: other processes keep replacing ${LOCK_FILE}`);
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function ownLock(path: string, holder: LockHolder): DataDirLock {
  let released = false;
  return {
    holder,
    release() {
      if (released) return;
      released = true;
      try {
        if (readHolder(path)?.token === holder.token) unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
