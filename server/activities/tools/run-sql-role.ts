import pg from 'pg';
import type { Logger } from '../../logger.ts';

/** Powers a run_sql connection should not have, as PostgreSQL names them. */
export interface RolePowers {
  role: string;
  superuser: boolean;
  /** Predefined roles the connection is a member of that reach outside the database or other sessions. */
  dangerousRoles: string[];
}

const DANGEROUS_ROLES = [
  'pg_read_server_files',
  'pg_write_server_files',
  'pg_execute_server_program',
  'pg_signal_backend',
];

const POWERS_SQL = `
  SELECT current_user AS role,
         (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS superuser,
         ARRAY(SELECT r FROM unnest($1::text[]) AS r
               WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r)
                 AND pg_catalog.pg_has_role(current_user, r, 'MEMBER')) AS dangerous`;

/** What the connection's role may do beyond reading tables. */
export async function rolePowers(connectionString: string): Promise<RolePowers> {
  const client = new pg.Client({ connectionString, application_name: 'spark-ops run_sql check' });
  await client.connect();
  try {
    const { rows } = await client.query(POWERS_SQL, [DANGEROUS_ROLES]);
    const row = rows[0] as { role: string; superuser: boolean | null; dangerous: string[] };
    return { role: row.role, superuser: row.superuser === true, dangerousRoles: row.dangerous };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Says loudly (a warning at start) when run_sql's connection could read server files or signal
 * backends: the query checks and the read-only transaction are not a permission, a role is.
 * Never throws: a connection that fails now is reported by the first query instead.
 */
export async function warnAboutPowerfulRole(
  connectionString: string,
  logger: Logger,
): Promise<RolePowers | null> {
  let powers: RolePowers;
  try {
    powers = await rolePowers(connectionString);
  } catch (error) {
    logger.warn('run_sql could not check the role of RUN_SQL_DATABASE_URL', { error });
    return null;
  }
  if (powers.superuser || powers.dangerousRoles.length > 0) {
    const what = powers.superuser ? ['SUPERUSER', ...powers.dangerousRoles] : powers.dangerousRoles;
    logger.warn(
      `RUN_SQL_DATABASE_URL connects as role "${powers.role}" with ${what.join(', ')}: it could read server ` +
        'files or signal other backends. Give run_sql a role that can only SELECT the tables it needs.',
      { role: powers.role, superuser: powers.superuser, roles: powers.dangerousRoles },
    );
  }
  return powers;
}
