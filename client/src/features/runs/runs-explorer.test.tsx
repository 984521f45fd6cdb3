import assert from 'node:assert/strict';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { type ApiCall, renderWithApi, testClient } from '../../test-kit';
import { RunsExplorer } from './runs-explorer';

function run(n: number, goal: string) {
  return {
    __typename: 'Run',
    id: `01930000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
    status: 'COMPLETED',
    goal,
    agentId: 'agent-1',
    agentVersion: 2,
    agent: { __typename: 'Agent', id: 'agent-1', name: 'Support' },
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:00:05.000Z',
    updatedAt: '2026-12-01T10:00:05.000Z',
    output: { answer: 'ok, "done"' },
    error: null,
    metrics: {
      __typename: 'RunMetrics',
      steps: 2,
      inputTokens: 10,
      outputTokens: 5,
      costUsd: 0.25,
      durationMs: 5000,
    },
  };
}

const pageInfo = (endCursor: string | null, hasNextPage: boolean) => ({
  __typename: 'PageInfo',
  hasNextPage,
  endCursor,
});

function answer(name: string, variables: Record<string, unknown>) {
  if (name === 'RunsExplorerAgents')
    return { data: { agents: { __typename: 'AgentConnection', edges: [] } } };
  if (name === 'RunsExplorer')
    return {
      data: {
        runs: {
          __typename: 'RunConnection',
          totalCount: 42,
          edges: [{ __typename: 'RunEdge', node: run(1, 'Refund order 17') }],
          pageInfo: pageInfo('c1', true),
        },
      },
    };
  if (name === 'RunsExport') {
    // Two pages: the export must follow the cursor, not stop at the page on screen.
    const first = variables.after === null;
    return {
      data: {
        runs: {
          __typename: 'RunConnection',
          edges: (first ? [run(1, '=SUM(A1)'), run(2, 'Second, with a comma')] : [run(3, 'Third')]).map(
            (node) => ({ __typename: 'RunEdge', node }),
          ),
          pageInfo: pageInfo(first ? 'cursor-2' : 'cursor-3', first),
        },
      },
    };
  }
  return undefined;
}

function Location() {
  const location = useLocation();
  return <output aria-label="location">{location.search}</output>;
}

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

const explorerCalls = (calls: ApiCall[]) => calls.filter((call) => call.name === 'RunsExplorer');
const location = () => screen.getByRole('status', { name: 'location' }).textContent ?? '';

describe('RunsExplorer', () => {
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
    // jsdom cannot navigate: record which file the link would have saved.
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

  it('runs the filter, search and sort of a shared link, and shows the total', async () => {
    const { client, calls } = testClient(answer);
    renderWithApi(
      <RunsExplorer />,
      client,
      '/?q=refund%20-duplicate&status=FAILED,CANCELLED&risk=HIGH&minCost=0.5&sort=COST_DESC&tool=send_email',
    );
    await screen.findByText('Refund order 17');
    assert.equal(screen.getByTestId('runs-total').textContent, '42 runs');
    assert.deepEqual(explorerCalls(calls)[0]?.variables, {
      filter: {
        search: 'refund -duplicate',
        status: ['FAILED', 'CANCELLED'],
        tool: 'send_email',
        riskReached: 'HIGH',
        minCostUsd: 0.5,
      },
      sort: 'COST_DESC',
      after: null,
    });
    assert.equal((screen.getByLabelText(/Search goals/) as HTMLInputElement).value, 'refund -duplicate');
  });

  it('puts applied filters in the URL and asks the API for them', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient(answer);
    renderWithApi(
      <>
        <RunsExplorer />
        <Location />
      </>,
      client,
    );
    await screen.findByText('Refund order 17');
    await user.type(screen.getByLabelText(/Search goals/), '"double charge"');
    await user.click(screen.getByRole('checkbox', { name: 'Failed' }));
    await user.selectOptions(screen.getByLabelText('Highest risk'), 'CRITICAL');
    await user.type(screen.getByLabelText('Agent version'), '3');
    await user.selectOptions(screen.getByLabelText('Annotated'), 'yes');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      assert.equal(location(), '?q=%22double+charge%22&status=FAILED&version=3&risk=CRITICAL&annotated=yes'),
    );
    await waitFor(() =>
      assert.deepEqual(explorerCalls(calls).at(-1)?.variables.filter, {
        search: '"double charge"',
        status: ['FAILED'],
        agentVersion: 3,
        riskReached: 'CRITICAL',
        annotated: true,
      }),
    );
    await user.selectOptions(screen.getByLabelText('Sort'), 'DURATION_DESC');
    await waitFor(() => assert.match(location(), /sort=DURATION_DESC/));
  });

  it('marks a bad cost range and asks nothing for it', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient(answer);
    renderWithApi(<RunsExplorer />, client, '/?minCost=2&maxCost=1');
    await screen.findByText('Must not be below the minimum');
    screen.getByRole('alert');
    assert.equal(explorerCalls(calls).length, 0);
    await user.clear(screen.getByLabelText('Max cost (USD)'));
    await user.type(screen.getByLabelText('Max cost (USD)'), 'lots');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByText('An amount in dollars, 0 or more');
  });

  it('exports every matching run, page after page, as CSV and as JSONL', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient(answer);
    renderWithApi(<RunsExplorer />, client, '/?q=refund&sort=COST_DESC');
    await screen.findByText('Refund order 17');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await screen.findByText('Exported 3 runs.');
    const exports = calls.filter((call) => call.name === 'RunsExport');
    assert.deepEqual(
      exports.map((call) => call.variables),
      [
        { filter: { search: 'refund' }, sort: 'COST_DESC', after: null },
        { filter: { search: 'refund' }, sort: 'COST_DESC', after: 'cursor-2' },
      ],
    );
    assert.match(downloads[0] ?? '', /^runs-.*\.csv$/);
    const csv = await blobText(created[0]);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines.length, 4);
    assert.equal(
      lines[0],
      'id,status,agentId,agentVersion,goal,startedAt,finishedAt,steps,inputTokens,outputTokens,costUsd,durationMs,error,errorCode,output',
    );
    // A formula-like goal is kept as text; a comma quotes the cell; JSON output is escaped.
    assert.match(lines[1] ?? '', /,'=SUM\(A1\),/);
    assert.match(lines[2] ?? '', /,"Second, with a comma",/);
    assert.match(lines[1] ?? '', /,"\{""answer"":""ok, \\""done\\""""\}"$/);

    await user.click(screen.getByRole('button', { name: 'Export JSONL' }));
    await waitFor(() => assert.equal(created.length, 2));
    const jsonl = (await blobText(created[1])).trimEnd().split('\n');
    assert.deepEqual(
      jsonl.map((line) => JSON.parse(line).goal),
      ['=SUM(A1)', 'Second, with a comma', 'Third'],
    );
    assert.deepEqual(JSON.parse(jsonl[0] ?? '{}').output, { answer: 'ok, "done"' });
  });
});
