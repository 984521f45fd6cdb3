import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { mapAuditEvents } from './mapping.ts';
import { auditMigration } from './migration.ts';
import { writeAuditChanges } from './writer.ts';

/** `read.audit_log`: who allowed, asked, decided and changed what, one row per event. */
export const auditProjection: Projection = {
  name: 'audit',
  tables: ['audit_log', 'audit_runs', 'audit_approvals'],
  migrate: (db, tables) => runMigration(db, auditMigration(tables)),
  apply: (tx, events, tables) => writeAuditChanges(tx, mapAuditEvents(events), tables),
};
