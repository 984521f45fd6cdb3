import type { SqlDatabase, SqlQueryable } from '../db/sql-database.ts';

/** Where a fault can strike inside a transaction. */
export type FaultPoint = 'after-query' | 'before-commit' | 'after-commit';

/** The error an injected fault throws. */
export class InjectedFault extends Error {
  readonly code = 'INJECTED_FAULT';
  readonly point: FaultPoint;
  constructor(point: FaultPoint) {
    super(`Injected fault (${point})`);
    this.name = 'InjectedFault';
    this.point = point;
  }
}

/**
 * Wraps a database so that its transactions fail where `shouldFail` says: after a statement ran
 * (the transaction rolls back with some writes done), just before COMMIT, or after COMMIT (the work is
 * kept but the caller sees an error, as when a connection drops while the commit is acknowledged).
 * Statements outside transactions are never failed.
 */
export function createFaultyDatabase(
  db: SqlDatabase,
  shouldFail: (point: FaultPoint) => boolean,
): SqlDatabase {
  const strike = (point: FaultPoint) => {
    if (shouldFail(point)) throw new InjectedFault(point);
  };
  return {
    kind: db.kind,
    query: <R>(text: string, params?: readonly unknown[]) => db.query<R>(text, params),
    exec: (script) => db.exec(script),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
    async transaction(fn) {
      const value = await db.transaction(async (tx) => {
        const faulty: SqlQueryable = {
          async query<R>(text: string, params?: readonly unknown[]) {
            const result = await tx.query<R>(text, params);
            strike('after-query');
            return result;
          },
        };
        const inner = await fn(faulty);
        strike('before-commit');
        return inner;
      });
      strike('after-commit');
      return value;
    },
  };
}
