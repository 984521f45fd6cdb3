// What the opening page will ask for, asked for before React renders: a signed-in console renders
// nothing until it knows the viewer, and a page's code loads after that, so its requests would
// start only once both are in. Started here, they run beside the scripts and the viewer query;
// the page finds the answers in urql's cache (the same client, session-clients.ts) or, for a
// run's first steps page, kept by api/prefetch.ts.
import { prefetch } from './api/prefetch';
import type { SessionClients } from './api/session-clients';
import { ViewerDocument } from './features/auth/viewer';
import { RunPageQuery } from './features/runs/run-page-query';
import { FIRST_PAGE, firstStepsPageKey, readRunStepsPage } from './features/runs/run-steps-query';

const RUN_PAGE = /^\/maestro\/runs\/([^/]+)\/?$/;

/** Starts the requests the page at `pathname` will make first (none when signed out). */
export function prefetchRoute(pathname: string, session: SessionClients): void {
  if (!session.token) return;
  void session.client.query(ViewerDocument, {}).toPromise();
  const runId = RUN_PAGE.exec(pathname)?.[1];
  if (runId) {
    const id = decodeURIComponent(runId);
    void session.client.query(RunPageQuery, { id }).toPromise();
    prefetch(firstStepsPageKey(id), () => readRunStepsPage(id, FIRST_PAGE, null));
  }
}
