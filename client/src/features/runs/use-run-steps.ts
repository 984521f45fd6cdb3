// A run's steps from the steps read model, live: the first page small (the first rows show at
// once), the rest in large pages in the background, and every change from `runStepUpdated`.
// Subscribed before the first page is read, and every page and update merged by step and
// revision, so nothing read between the two is lost or undone. After a lost connection the pages
// are read again (updates sent while the socket was down are not replayed by the server).
import { useEffect, useState } from 'react';
import { stringifyDocument } from 'urql';
import { useWsClient } from '../../api/api-provider';
import { queryOnce } from '../../api/ws-query';
import { graphql } from '../../gql';
import type { RunStepLiveSubscription, RunStepsPageQuery } from '../../gql/graphql';
import { mergeSteps, type RunStepNode } from './step-rows';

export const RunStepRowFields = graphql(`
  fragment RunStepRowFields on RunStep {
    step
    status
    kind
    thought
    tool
    paramsSummary
    risk
    decision
    inputTokens
    outputTokens
    costUsd
    latencyMs
    startedAt
    finishedAt
    durationMs
    lastRevision
  }
`);

const RunStepsPage = graphql(`
  query RunStepsPage($runId: ID!, $first: Int!, $after: String) {
    run(id: $runId) {
      id
      steps(first: $first, after: $after) {
        totalCount
        edges {
          node {
            ...RunStepRowFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const RunStepLive = graphql(`
  subscription RunStepLive($runId: ID!) {
    runStepUpdated(runId: $runId) {
      ...RunStepRowFields
    }
  }
`);

/** The first page: what fills the screen. */
const FIRST_PAGE = 50;
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

    async function readPages() {
      const read = ++reading;
      pagesDone = false;
      let after: string | null = null;
      let first = FIRST_PAGE;
      try {
        for (;;) {
          const page: RunStepsPageQuery = await queryOnce<RunStepsPageQuery>(wsClient, {
            query: stringifyDocument(RunStepsPage),
            variables: { runId, first, after },
          });
          if (disposed || read !== reading) return;
          const steps = page.run?.steps;
          if (!steps) {
            setState({ ...INITIAL, phase: 'error', error: 'No run has this id.' });
            return;
          }
          const nodes = steps.edges.map((edge) => edge.node);
          for (const node of nodes) seen.add(node.step);
          apply(nodes, steps.totalCount);
          if (!steps.pageInfo.hasNextPage || !steps.pageInfo.endCursor) {
            pagesDone = true;
            return;
          }
          after = steps.pageInfo.endCursor;
          first = PAGE;
        }
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
