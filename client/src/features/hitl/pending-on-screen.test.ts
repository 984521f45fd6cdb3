import { describe, expect, it } from 'vitest';
import {
  cardsOnScreen,
  emptyPendingOnScreen,
  type PendingOnScreen,
  withLiveRequest,
} from './pending-on-screen';

type Request = { id: string; status: string; decidedBy?: string };

const pending = (id: string): Request => ({ id, status: 'PENDING' });
const approved = (id: string): Request => ({ id, status: 'APPROVED', decidedBy: 'ops@example.com' });

/** Shows `listed` and returns the state the page keeps afterwards. */
function show(
  state: PendingOnScreen<Request>,
  listed: Request[],
): { cards: Request[]; state: PendingOnScreen<Request> } {
  const { cards, order } = cardsOnScreen(state, listed);
  return { cards, state: { ...state, order } };
}

describe('the Pending tab’s cards', () => {
  it('shows the listed requests in the server’s order at first', () => {
    const { cards } = show(emptyPendingOnScreen(), [pending('b'), pending('a')]);
    expect(cards.map((card) => card.id)).toEqual(['b', 'a']);
  });

  it('keeps a request decided on screen in its place, with its decision, after the list drops it', () => {
    let { state } = show(emptyPendingOnScreen(), [pending('c'), pending('b'), pending('a')]);
    state = withLiveRequest(state, approved('b'));
    const { cards } = show(state, [pending('c'), pending('a')]);
    expect(cards).toEqual([pending('c'), approved('b'), pending('a')]);
  });

  it('lets a live decision outrank a list read before the read model caught up', () => {
    let { state } = show(emptyPendingOnScreen(), [pending('a')]);
    state = withLiveRequest(state, approved('a'));
    expect(show(state, [pending('a')]).cards).toEqual([approved('a')]);
  });

  it('puts a new request on top of the ones already shown', () => {
    let { state } = show(emptyPendingOnScreen(), [pending('a')]);
    state = withLiveRequest(state, approved('a'));
    ({ state } = show(state, []));
    expect(show(state, [pending('n')]).cards.map((card) => card.id)).toEqual(['n', 'a']);
  });

  it('ignores decisions of requests that were never on screen', () => {
    const { state } = show(emptyPendingOnScreen(), [pending('a')]);
    expect(withLiveRequest(state, approved('elsewhere'))).toBe(state);
    expect(show(state, [pending('a')]).cards).toEqual([pending('a')]);
  });

  it('shows a request pushed live before the list read after it holds it, on top', () => {
    let { state } = show(emptyPendingOnScreen(), [pending('a')]);
    state = withLiveRequest(state, pending('new'));
    // The list was read again before the approvals read model had the new request.
    ({ state } = show(state, [pending('a')]));
    expect(show(state, [pending('a')]).cards).toEqual([pending('new'), pending('a')]);
    // Once listed it stays where it is; decided live, it keeps its place with the decision.
    ({ state } = show(state, [pending('new'), pending('a')]));
    state = withLiveRequest(state, approved('new'));
    expect(show(state, [pending('a')]).cards).toEqual([approved('new'), pending('a')]);
  });

  it('does not bring back a request decided live when a late pending copy arrives', () => {
    let { state } = show(emptyPendingOnScreen(), [pending('a')]);
    state = withLiveRequest(state, approved('a'));
    state = withLiveRequest(state, pending('a'));
    expect(show(state, []).cards).toEqual([approved('a')]);
  });

  it('drops a request that left the list undecided (expired or cancelled before any live news)', () => {
    const { state } = show(emptyPendingOnScreen(), [pending('a'), pending('b')]);
    expect(show(state, [pending('b')]).cards).toEqual([pending('b')]);
  });
});
