// What the Pending tab shows: the pending requests, plus the ones decided while the page was open,
// in place with their decision. Without this a card vanished the moment anyone decided it (the
// list is re-read on every live change), so the operator who clicked Approve — or the one who
// watched a colleague do it — saw the card disappear instead of "Approved by …". Live news also
// outranks a list read from a read model that had not caught up with it yet: a decision, and a new
// request, which shows at once even when the list read after it does not hold it yet (nothing
// else would read the list again).

interface Request {
  id: string;
  status: string;
}

export interface PendingOnScreen<R extends Request> {
  /** Ids in the order they are shown: newest requests first, decided ones where they were. */
  order: readonly string[];
  /** The latest decided version of each request decided while the page was open. */
  decided: ReadonlyMap<string, R>;
  /** Requests pushed live as pending while the page was open, oldest first. */
  arrived: ReadonlyMap<string, R>;
}

export function emptyPendingOnScreen<R extends Request>(): PendingOnScreen<R> {
  return { order: [], decided: new Map(), arrived: new Map() };
}

/**
 * The page's state after a live change: a new pending request is kept until the list holds it, a
 * decision is kept for a request that is on screen.
 */
export function withLiveRequest<R extends Request>(
  state: PendingOnScreen<R>,
  request: R,
): PendingOnScreen<R> {
  if (request.status === 'PENDING') {
    if (state.decided.has(request.id) || state.arrived.has(request.id)) return state;
    return { ...state, arrived: new Map(state.arrived).set(request.id, request) };
  }
  if (!state.order.includes(request.id) && !state.arrived.has(request.id)) return state;
  return { ...state, decided: new Map(state.decided).set(request.id, request) };
}

/**
 * The cards to show for the latest pending list: every listed request and every request pushed
 * live (a new one on top), and every request decided on screen, each in its most recent state.
 * The new order goes back into the state.
 */
export function cardsOnScreen<R extends Request>(
  state: PendingOnScreen<R>,
  listed: readonly R[],
): { cards: R[]; order: string[] } {
  const listedIds = new Set(listed.map((request) => request.id));
  // Arrived live and not listed yet: newest on top, above the listed ones.
  const pushed = [...state.arrived.values()].filter((request) => !listedIds.has(request.id)).reverse();
  const all = [...pushed, ...listed];
  const byId = new Map(all.map((request) => [request.id, request]));
  const known = new Set(state.order);
  const fresh = all.filter((request) => !known.has(request.id)).map((request) => request.id);
  const order = [...fresh, ...state.order.filter((id) => byId.has(id) || state.decided.has(id))];
  const cards = order.flatMap((id) => {
    const request = state.decided.get(id) ?? byId.get(id);
    return request ? [request] : [];
  });
  return { cards, order };
}
