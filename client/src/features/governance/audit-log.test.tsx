import assert from 'node:assert/strict';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { type Answer, renderWithApi, testClient } from '../../test-kit';
import { AuditLog } from './audit-log';

const ADMIN = { role: 'ADMIN' };

/** jsdom's Blob has no text(): read it as a browser without it would. */
function blobText(blob: Blob | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!blob) return reject(new Error('no file was made'));
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

const node = (id: string, extra: Record<string, unknown>) => ({
  __typename: 'AuditEntry',
  id,
  kind: 'USER_ROLE_CHANGED',
  recordedAt: '2026-11-02T09:30:00.000Z',
  actor: 'boss@example.com',
  actorId: 'u-boss',
  target: 'user:u-ana',
  clientAddress: '203.0.113.9',
  userAgent: 'Firefox/140',
  runId: null,
  agentId: null,
  step: null,
  tool: null,
  risk: null,
  decision: 'operator',
  reasons: [],
  policyId: null,
  policyVersion: null,
  comment: null,
  data: { userId: 'u-ana', from: 'analyst', to: 'operator' },
  ...extra,
});

const page = (nodes: unknown[], endCursor: string | null, hasNextPage: boolean) => ({
  data: {
    auditLog: {
      __typename: 'AuditEntryConnection',
      edges: nodes.map((item) => ({ __typename: 'AuditEntryEdge', node: item })),
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
    },
  },
});

describe('AuditLog', () => {
  const created: Blob[] = [];
  const downloads: string[] = [];
  const original = {
    create: URL.createObjectURL,
    revoke: URL.revokeObjectURL,
    click: HTMLAnchorElement.prototype.click,
  };
  beforeEach(() => {
    created.length = 0;
    downloads.length = 0;
    // jsdom cannot save files: record what the link would have saved.
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      downloads.push(this.download);
    };
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    };
    URL.revokeObjectURL = () => {};
  });
  afterEach(() => {
    URL.createObjectURL = original.create;
    URL.revokeObjectURL = original.revoke;
    HTMLAnchorElement.prototype.click = original.click;
  });

  const answer = (name: string, variables: Record<string, unknown>): Answer | undefined => {
    if (name === 'AuditLog') return page([node('e1', {})], null, false);
    if (name === 'AuditExport')
      return variables.after
        ? page(
            [node('e2', { kind: 'LOGIN_FAILED', actor: 'x@example.com', comment: 'said "no", twice' })],
            null,
            false,
          )
        : page([node('e1', {})], 'cursor-1', true);
    return undefined;
  };

  it('shows who acted on what and from where, and filters by actor, target and days', async () => {
    const ui = userEvent.setup();
    const { client, calls } = testClient(answer, ADMIN);
    renderWithApi(<AuditLog />, client);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const row = within(table).getByRole('row', { name: /Role changed/ });
    within(row).getByText('203.0.113.9');
    within(row).getByText('user:u-ana');
    const form = screen.getByRole('form', { name: 'Filter the audit log' });
    await ui.type(within(form).getByLabelText(/Who/), 'boss@example.com');
    await ui.type(within(form).getByLabelText(/On/), 'user:u-ana');
    await ui.type(within(form).getByLabelText(/From/), '2026-11-01');
    await ui.type(within(form).getByLabelText(/To/), '2026-11-02');
    await ui.click(within(form).getByRole('button', { name: 'Apply' }));
    const last = calls.filter((call) => call.name === 'AuditLog').at(-1);
    assert.deepEqual(last?.variables.filter, {
      actor: 'boss@example.com',
      target: 'user:u-ana',
      from: new Date('2026-11-01T00:00:00').toISOString(),
      to: new Date('2026-11-03T00:00:00').toISOString(),
    });
  });

  it('exports every page of the filtered log as CSV and as JSON Lines', async () => {
    const ui = userEvent.setup();
    const { client, calls } = testClient(answer, ADMIN);
    renderWithApi(<AuditLog />, client);
    await screen.findByRole('table', { name: 'Audit log' });
    await ui.click(screen.getByRole('button', { name: 'Export CSV' }));
    await screen.findByText('Exported 2 entries.');
    const exports = calls.filter((call) => call.name === 'AuditExport');
    assert.deepEqual(
      exports.map((call) => call.variables.after),
      [null, 'cursor-1'],
      'follows the cursor to the last page',
    );
    assert.match(downloads[0] ?? '', /^audit-.*\.csv$/);
    const csv = await blobText(created[0]);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'id,recordedAt,kind,actor,actorId,target,clientAddress,userAgent,runId,agentId,step,tool,risk,decision,reasons,policyId,policyVersion,comment,data',
    );
    assert.equal(
      lines[1],
      'e1,2026-11-02T09:30:00.000Z,USER_ROLE_CHANGED,boss@example.com,u-boss,user:u-ana,203.0.113.9,Firefox/140,,,,,,operator,,,,,"{""userId"":""u-ana"",""from"":""analyst"",""to"":""operator""}"',
    );
    assert.match(lines[2] ?? '', /^e2,.*,LOGIN_FAILED,x@example.com,.*,"said ""no"", twice",/);
    assert.equal(lines.length, 3);

    await ui.click(screen.getByRole('button', { name: 'Export JSONL' }));
    await screen.findByText('Exported 2 entries.');
    assert.match(downloads[1] ?? '', /^audit-.*\.jsonl$/);
    const jsonl = (await blobText(created[1]))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(jsonl.length, 2);
    assert.deepEqual(jsonl[0], {
      id: 'e1',
      recordedAt: '2026-11-02T09:30:00.000Z',
      kind: 'USER_ROLE_CHANGED',
      actor: 'boss@example.com',
      actorId: 'u-boss',
      target: 'user:u-ana',
      clientAddress: '203.0.113.9',
      userAgent: 'Firefox/140',
      runId: null,
      agentId: null,
      step: null,
      tool: null,
      risk: null,
      decision: 'operator',
      reasons: [],
      policyId: null,
      policyVersion: null,
      comment: null,
      data: { userId: 'u-ana', from: 'analyst', to: 'operator' },
    });
    assert.equal(jsonl[1].comment, 'said "no", twice');
  });
});
