// Whether the page on screen already shows an approval request as a card, in which case an alert
// about it would only cover the card it points to.

/**
 * True on the approvals page (it lists every pending request, a new one included, as it arrives)
 * and on the page of the request's own run (which shows its pending requests above the trace).
 * `pathname` is the router's, without the `/maestro` base.
 */
export function pageShowsApproval(pathname: string, request: { runId: string }): boolean {
  const path = pathname.replace(/\/+$/, '') || '/';
  return path === '/hitl' || path === `/runs/${request.runId}`;
}
