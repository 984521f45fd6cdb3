import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { mapApprovalEvents } from './mapping.ts';
import { approvalsMigration } from './migration.ts';
import { writeApprovalChanges } from './writer.ts';

/** `read.approvals`: one row per approval (HITL request) with its status and decision. */
export const approvalsProjection: Projection = {
  name: 'approvals',
  tables: ['approvals', 'approval_runs'],
  migrate: (db, tables) => runMigration(db, approvalsMigration(tables)),
  apply: (tx, events, tables) => writeApprovalChanges(tx, mapApprovalEvents(events), tables),
};
