/** SQLSTATE classes that mean "the connection or server went away": retry, do not fail. */
const TRANSIENT_SQLSTATE = /^(08|57P|53)/;

/** The SQLSTATE of a driver error (pg and PGlite both expose `code`), or undefined. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for connection loss and server shutdown, where a reader should wait and resume. */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = sqlState(error);
  const message = error instanceof Error ? error.message : String(error);
  // A database closed to new connections for maintenance (55000) comes back by itself.
  if (code === '55000') return /not currently accepting connections/.test(message);
  if (code) return TRANSIENT_SQLSTATE.test(code) || /^E(CONN|PIPE|HOSTUNREACH|TIMEDOUT)/.test(code);
  return /Connection terminated|connection.*(closed|ended|lost)|Client has encountered a connection error|ECONNRESET|ECONNREFUSED/i.test(
    message,
  );
}

/** The constraint a unique violation (23505) names, from pg or PGlite errors. */
export function violatedConstraint(error: unknown): string | undefined {
  if (sqlState(error) !== '23505') return undefined;
  const constraint = (error as { constraint?: unknown }).constraint;
  if (typeof constraint === 'string') return constraint;
  const message = error instanceof Error ? error.message : '';
  return /constraint "([^"]+)"/.exec(message)?.[1];
}
