// A run's steps from the steps read model, live: the first page small (the first rows show at
// once), the rest in large pages in the background, and every change from `runStepUpdated`.
// Pages come over HTTP: the first need not wait for the socket's handshake, and a page of a
// thousand steps does not hold up the live messages queued behind it on the socket.
// Subscribed before the first page is read, and every page and update merged by step and
// revision, so nothing read between the two is lost or undone. After a lost connection the pages
// are read again (updates sent while the socket was down are not replayed by the server).
import { useEffect, useState } from 'react';
import { stringifyDocument } from 'urql';
import { useWsClient } from '../../api/api-provider';
import { takePrefetched } from '../../api/prefetch';
import { queryOnce } from '../../api/ws-query';
import { graphql } from '../../gql';
import type { RunStepLiveSubscription, RunStepsPageQuery } from '../../gql/graphql';
import { FIRST_PAGE, firstStepsPageKey, RunStepsPage, readRunStepsPage } from './run-steps-query';
import { stepCursor } from './step-cursor';
import { mergeSteps, type RunStepNode } from './step-rows';

const RunStepLive = graphql(`
  subscription RunStepLive($runId: ID!) {
    runStepUpdated(runId: $runId) {
      ...RunStepRowFields
    }
  }
`);

/** Every later page: the server's largest. */
const PAGE = 1000;
/** Live updates are applied at most this often (a fast run changes steps many times a second). */
const FLUSH_MS = 50;

export interface RunStepsState {
  steps: readonly RunStepNode[];
  /** Steps the run has (the read model's count, or more once live updates add some). */
  total: number;
  /** `loading` until the first page arrived. */
  phase: 'loading' | 'ready' | 'error';
  error: string | null;
}

const INITIAL: RunStepsState = { steps: [], total: 0, phase: 'loading', error: null };

export function useRunSteps(runId: string): RunStepsState {
  const wsClient = useWsClient();
  const [state, setState] = useState<RunStepsState>(INITIAL);

  useEffect(() => {
    setState(INITIAL);
    let disposed = false;
    let pending: RunStepNode[] = [];
    let flushTimer: number | undefined;
    let reading = 0;
    let pagesDone = false;
    /** Every step number seen so far, to notice a step missed between the first read and the subscription. */
    const seen = new Set<number>();

    const apply = (nodes: readonly RunStepNode[], total?: number) =>
      setState((current) => {
        const steps = mergeSteps(current.steps, nodes);
        const count = Math.max(total ?? current.total, steps.length);
        if (steps === current.steps && count === current.total && current.phase === 'ready') return current;
        return { steps, total: count, phase: 'ready', error: null };
      });
    const flush = () => {
      flushTimer = undefined;
      const batch = pending;
      pending = [];
      apply(batch);
      // A run's steps are numbered from 1 without gaps (a fork's inherited ones included). A live
      // step whose predecessor was never seen means an update went out before the subscription
      // was in place on the server: read the pages again.
      const gap = batch.some(
        (node) =>
          node.step > 1 && !seen.has(node.step - 1) && !batch.some((other) => other.step === node.step - 1),
      );
      for (const node of batch) seen.add(node.step);
      if (gap && pagesDone) void readPages();
    };

    const unsubscribe = wsClient.subscribe<RunStepLiveSubscription>(
      { query: stringifyDocument(RunStepLive), variables: { runId } },
      {
        next: (result) => {
          const node = result.data?.runStepUpdated;
          if (!node) return;
          pending.push(node);
          flushTimer ??= window.setTimeout(flush, FLUSH_MS);
        },
        error: () => {},
        complete: () => {},
      },
    );

    const readPage = (first: number, after: string | null) => readRunStepsPage(runId, first, after);

    async function readPages() {
      const read = ++reading;
      pagesDone = false;
      let newest = 0;
      /** Applies a page; false when this read is over (replaced, unmounted, or the run is unknown). */
      const take = (page: RunStepsPageQuery): page is RunStepsPageQuery & { run: { steps: object } } => {
        if (disposed || read !== reading) return false;
        const steps = page.run?.steps;
        if (!steps) {
          setState({ ...INITIAL, phase: 'error', error: 'No run has this id.' });
          return false;
        }
        const nodes = steps.edges.map((edge) => edge.node);
        for (const node of nodes) {
          seen.add(node.step);
          newest = Math.max(newest, node.step);
        }
        apply(nodes, steps.totalCount);
        return true;
      };
      try {
        // The first read may take the page the opening page asked for before this code loaded.
        let page = await ((read === 1 ? takePrefetched<RunStepsPageQuery>(firstStepsPageKey(runId)) : null) ??
          readPage(FIRST_PAGE, null));
        if (!take(page)) return;
        // The count says which pages follow: they are asked for at once and applied in order.
        // Pages start after a step number; were the numbers not dense, pages would overlap
        // (merged by step), never leave a hole, and the walk below reads whatever remains.
        const { totalCount, edges } = page.run.steps;
        const ahead: Promise<RunStepsPageQuery>[] = [];
        for (let after = edges.at(-1)?.node.step ?? totalCount; after < totalCount; after += PAGE) {
          const pending = readPage(PAGE, stepCursor(after));
          pending.catch(() => {}); // seen by the loop below, in order
          ahead.push(pending);
        }
        for (const pending of ahead) {
          page = await pending;
          if (!take(page)) return;
        }
        // Steps added since the count (a live run), one page after another.
        for (;;) {
          const { hasNextPage, endCursor } = page.run.steps.pageInfo;
          if (!hasNextPage || !endCursor) break;
          page = await readPage(PAGE, endCursor);
          if (!take(page)) return;
        }
        // Over HTTP a page may be read before the subscription is in place on the server, and a
        // change in between would be missed. A run changes only its newest step (and adds more):
        // reading from there over the socket, behind the subscription, closes that window.
        let tail: string | null = stepCursor(Math.max(0, newest - 1));
        while (tail) {
          const tailPage: RunStepsPageQuery = await queryOnce<RunStepsPageQuery>(wsClient, {
            query: stringifyDocument(RunStepsPage),
            variables: { runId, first: PAGE, after: tail },
          });
          if (!take(tailPage)) return;
          const { hasNextPage, endCursor } = tailPage.run.steps.pageInfo;
          tail = hasNextPage ? (endCursor ?? null) : null;
        }
        pagesDone = true;
      } catch (error) {
        // A lost connection reads the pages again once it is back (below); anything else is shown.
        if (!disposed && read === reading) {
          setState((current) =>
            current.phase === 'loading'
              ? { ...current, phase: 'error', error: error instanceof Error ? error.message : String(error) }
              : current,
          );
        }
      }
    }
    void readPages();
    let lost = false;
    const offClosed = wsClient.on('closed', () => {
      lost = true;
    });
    const offConnected = wsClient.on('connected', () => {
      if (!lost || disposed) return;
      lost = false;
      void readPages();
    });
    return () => {
      disposed = true;
      window.clearTimeout(flushTimer);
      unsubscribe();
      offConnected();
      offClosed();
    };
  }, [wsClient, runId]);

  return state;
}
