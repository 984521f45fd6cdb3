// What the Pending tab shows: the pending requests, plus the ones decided while the page was open,
// in place with their decision. Without this a card vanished the moment anyone decided it (the
// list is re-read on every live change), so the operator who clicked Approve — or the one who
// watched a colleague do it — saw the card disappear instead of "Approved by …". A live decision
// also outranks a list read from a read model that had not caught up with it yet.

interface Request {
  id: string;
  status: string;
}

export interface PendingOnScreen<R extends Request> {
  /** Ids in the order they are shown: newest requests first, decided ones where they were. */
  order: readonly string[];
  /** The latest decided version of each request decided while the page was open. */
  decided: ReadonlyMap<string, R>;
}

export function emptyPendingOnScreen<R extends Request>(): PendingOnScreen<R> {
  return { order: [], decided: new Map() };
}

/** The page's state after a live change: a decision is kept for a request that is on screen. */
export function withLiveRequest<R extends Request>(
  state: PendingOnScreen<R>,
  request: R,
): PendingOnScreen<R> {
  if (request.status === 'PENDING' || !state.order.includes(request.id)) return state;
  return { ...state, decided: new Map(state.decided).set(request.id, request) };
}

/**
 * The cards to show for the latest pending list: every listed request (a new one on top) and every
 * request decided on screen, each in its most recent state. The new order goes back into the state.
 */
export function cardsOnScreen<R extends Request>(
  state: PendingOnScreen<R>,
  listed: readonly R[],
): { cards: R[]; order: string[] } {
  const byId = new Map(listed.map((request) => [request.id, request]));
  const known = new Set(state.order);
  const fresh = listed.filter((request) => !known.has(request.id)).map((request) => request.id);
  const order = [...fresh, ...state.order.filter((id) => byId.has(id) || state.decided.has(id))];
  const cards = order.flatMap((id) => {
    const request = state.decided.get(id) ?? byId.get(id);
    return request ? [request] : [];
  });
  return { cards, order };
}
