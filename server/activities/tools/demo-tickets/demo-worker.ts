// Worker thread that owns the in-process demo database. PGlite runs queries synchronously in
// WebAssembly and ignores statement_timeout, so the host enforces time by terminating this thread.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { type ResultBounds, readCapped } from '../capped-query.ts';
import { SQL_VALUE_PARSERS } from '../sql-values.ts';
import { DEMO_TICKETS_DDL, generateTickets, ticketInsert } from './generate-tickets.ts';

interface QueryRequest {
  id: number;
  statement: string;
  bounds: ResultBounds;
}

const port = parentPort;
if (!port) throw new Error('demo-worker must run in a worker thread');
const { dump } = (workerData ?? {}) as { dump?: ArrayBuffer };

const db = await PGlite.create({
  parsers: SQL_VALUE_PARSERS,
  ...(dump ? { loadDataDir: new Blob([dump]) } : {}),
});
if (dump) {
  // Pay the first-query costs before reporting ready, so they never count against a time limit.
  await db.query('SELECT count(*) FROM tickets');
  port.postMessage({ type: 'ready' });
} else {
  await db.exec(DEMO_TICKETS_DDL);
  const insert = ticketInsert(generateTickets());
  await db.query(insert.text, insert.params);
  await db.exec('ANALYZE tickets');
  // The host keeps this snapshot so a replacement worker skips initdb and seeding.
  const snapshot = await (await db.dumpDataDir('none')).arrayBuffer();
  port.postMessage({ type: 'ready', dump: snapshot }, [snapshot]);
}

port.on('message', async (request: QueryRequest) => {
  try {
    const result = await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      const capped = await readCapped(
        (text) => tx.query<unknown[]>(text, [], { rowMode: 'array' }),
        request.statement,
        request.bounds,
      );
      await tx.rollback();
      return capped;
    });
    port.postMessage({ id: request.id, ok: true, ...result });
  } catch (error) {
    const { message, code } = error as { message?: string; code?: string };
    port.postMessage({ id: request.id, ok: false, message: message ?? String(error), code });
  }
});
