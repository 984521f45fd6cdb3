// run_sql's parse-and-check time per statement: PostgreSQL's parser (libpg-query, WASM) plus the
// read-only tree check with the function allow-list, on statements from one line to a report-sized
// query, beside the parse alone. Usage: npx tsx bench/sql-check.ts
import { DEMO_TICKETS_SQL } from '../server/activities/providers/demo-script.ts';
import { loadPgParser } from '../server/activities/sql/pg-parser.ts';
import { cappedSelectText } from '../server/activities/tools/capped-query.ts';
import { checkReadOnlySql } from '../server/activities/tools/sql-guard.ts';
import { envNumber, median, percentile, report } from './bench-kit.ts';

const iterations = envNumber('BENCH_ITERATIONS', 5000);

const STATEMENTS: Record<string, string> = {
  tiny: 'SELECT 1',
  typical:
    "SELECT status, count(*) AS n FROM tickets WHERE created_at > now() - interval '7 days' GROUP BY status",
  demo_report: DEMO_TICKETS_SQL,
  refused_quoted_function: `SELECT "pg_read_file"('/etc/passwd') AS f`,
  wide: `SELECT ${Array.from({ length: 200 }, (_, i) => `lower(c${i}) AS l${i}`).join(', ')} FROM t`,
};

const loadStarted = performance.now();
const parse = await loadPgParser();
report({ bench: 'sql-check', figure: 'parser_load_ms', value: Math.round(performance.now() - loadStarted) });

function timeEach(work: () => void): number[] {
  for (let i = 0; i < Math.min(500, iterations); i++) work(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    work();
    samples.push((performance.now() - started) * 1000);
  }
  return samples;
}

for (const [name, sql] of Object.entries(STATEMENTS)) {
  const parseOnly = timeEach(() => parse(sql));
  // What run_sql does per call: the statement, then the statement inside its capping wrapper.
  const check = timeEach(() => {
    const first = checkReadOnlySql(sql, parse);
    if (first.ok) checkReadOnlySql(cappedSelectText(first.statement, 0, 65_536), parse);
  });
  const figure = { bench: 'sql-check', statement: name, chars: sql.length, iterations, unit: 'us' };
  report({ ...figure, figure: 'parse_only_p50', value: Math.round(median(parseOnly)) });
  report({ ...figure, figure: 'parse_and_check_p50', value: Math.round(median(check)) });
  report({ ...figure, figure: 'parse_and_check_p99', value: Math.round(percentile(check, 99)) });
}
