/**
 * The demo's SQL and Python are only worth something if they run: this plays the whole loop with
 * the query executed by PGlite over a small `tickets` table and the analysis by Pyodide (the
 * runtime behind execute_python), and checks the email carries the numbers Python printed.
 */
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { loadPyodide } from 'pyodide';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { FINISH_TOOL } from '../../engine/conversation.ts';
import { playDemo } from './provider-testkit.ts';

const ticketsTable = `CREATE TABLE tickets (
  id int PRIMARY KEY, created_at timestamptz NOT NULL, customer text, channel text, category text,
  priority text, status text, subject text, body text, first_response_minutes int,
  resolution_hours double precision, satisfaction int)`;

// [days before the newest ticket, category, priority, resolution hours (null: open), satisfaction]
const tickets: [number, string, string, number | null, number | null][] = [
  [45, 'billing', 'high', 1, 5], // outside the 30-day window
  [0, 'billing', 'high', 4, 5],
  [3, 'billing', 'high', 6, 4],
  [10, 'billing', 'low', 10, 3],
  [1, 'technical', 'urgent', 20, 2],
  [2, 'technical', 'urgent', 30, 3],
  [5, 'technical', 'urgent', null, null],
  [29, 'account', 'medium', 2, 5],
];

describe('demo provider against PGlite and Pyodide', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create('memory://');
    await db.exec(ticketsTable);
    for (const [i, [daysAgo, category, priority, hours, satisfaction]] of tickets.entries()) {
      await db.query(
        `INSERT INTO tickets VALUES ($1, timestamptz '2025-06-30 12:00Z' - make_interval(days => $2), 'acme',
           'email', $3, $4, $5, 'subject', 'body', 30, $6, $7)`,
        [i + 1, daysAgo, category, priority, hours === null ? 'open' : 'resolved', hours, satisfaction],
      );
    }
  });
  afterAll(() => db.close());

  it('emails the numbers its Python analysis printed', async () => {
    const pyodide = await loadPyodide();
    let stdout = '';
    pyodide.setStdout({ batched: (line) => (stdout += `${line}\n`) });

    const played = await playDemo({
      run_sql: async (args) => {
        const result = await db.query(String(args.sql));
        const content = JSON.stringify({ columns: result.fields.map((f) => f.name), rows: result.rows });
        assert.ok(content.length < 4_000, "fits the engine's cut of tool results");
        return content;
      },
      execute_python: async (args) => {
        stdout = '';
        pyodide.globals.set('inputs', pyodide.toPy(args.inputs));
        await pyodide.runPythonAsync(String(args.code));
        return JSON.stringify({ stdout, stderr: '' });
      },
      send_email: () => JSON.stringify({ status: 'sent' }),
    });

    assert.deepEqual(
      played.calls.map((c) => c.name),
      ['run_sql', 'execute_python', 'send_email', FINISH_TOOL],
    );
    const body = String(played.calls[2]?.args.body);
    assert.match(body, /total tickets: 7\n/);
    assert.match(body, /billing: 3 tickets \(43%\), avg resolution 6\.7 h, satisfaction 4\.00/);
    assert.match(body, /technical: 3 tickets \(43%\), avg resolution 25\.0 h/);
    assert.match(body, /account: 1 tickets \(14%\)/);
    assert.match(body, /priority urgent: 3 tickets/);
    assert.match(body, /slowest category: technical \(25\.0 h to resolve\)/);
    assert.equal(played.calls[2]?.args.subject, 'Support tickets, last 30 days: 7 tickets');
    assert.match(played.output, /total tickets: 7/);
  });
});
