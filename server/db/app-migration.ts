import type { SqlDatabase } from './sql-database.ts';

/**
 * Runs a DDL script for schema `app` (statements separated by `;`, none inside them) in one
 * transaction, serialised with every other `app` migration: processes started together (an api,
 * workers and projections at once) would otherwise race on CREATE … IF NOT EXISTS, which PostgreSQL
 * can answer with a duplicate-key error on its catalogue.
 */
export async function migrateApp(db: SqlDatabase, script: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('app.migrate', 0))`);
    await tx.query('CREATE SCHEMA IF NOT EXISTS app');
    for (const statement of script.split(';')) if (statement.trim()) await tx.query(statement);
  });
}
