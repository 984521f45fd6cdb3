import { describe, expect, it } from 'vitest';
import { pageShowsApproval } from './approval-on-page';

const request = { runId: 'run-1' };

describe('pageShowsApproval', () => {
  it('is true on the approvals page and on the page of the request’s run', () => {
    expect(pageShowsApproval('/hitl', request)).toBe(true);
    expect(pageShowsApproval('/hitl/', request)).toBe(true);
    expect(pageShowsApproval('/runs/run-1', request)).toBe(true);
  });

  it('is false elsewhere, another run’s page included', () => {
    expect(pageShowsApproval('/', request)).toBe(false);
    expect(pageShowsApproval('/runs', request)).toBe(false);
    expect(pageShowsApproval('/runs/run-10', request)).toBe(false);
    expect(pageShowsApproval('/runs/run-2', request)).toBe(false);
    expect(pageShowsApproval('/governance', request)).toBe(false);
  });
});
