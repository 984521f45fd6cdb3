// A run's events, live: history after the cursor, then new events as they are appended. After a
// lost connection graphql-ws re-sends this subscription with the cursor of the last event seen,
// so the trace resumes with no gap; `mergeEvents` drops anything delivered twice.
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { stringifyDocument } from 'urql';
import { useWsClient } from '../../api/api-provider';
import { backoffMs } from '../../api/ws-client';
import { queryOnce } from '../../api/ws-query';
import { graphql } from '../../gql';
import type { RunEventsSubscription, RunHistoryQuery } from '../../gql/graphql';
import { mergeEvents } from './trace-events';
import type { TraceEvent } from './trace-types';

const RunEvents = graphql(`
  subscription RunEvents($runId: ID!, $after: String) {
    runEvents(runId: $runId, after: $after) {
      position
      revision
      type
      data
      recordedAt
    }
  }
`);

const RunHistory = graphql(`
  query RunHistory($runId: ID!, $after: String, $first: Int!) {
    run(id: $runId) {
      events(after: $after, first: $first) {
        edges {
          node {
            position
            revision
            type
            data
            recordedAt
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`);

/** Events per history page: the server's largest `Run.events` page. */
const HISTORY_PAGE = 1000;

export interface RunEventsState {
  events: TraceEvent[];
  /** `connecting` until the first event arrives (every run has at least RunStarted). */
  phase: 'connecting' | 'streaming' | 'error';
  error: string | null;
}

const INITIAL: RunEventsState = { events: [], phase: 'connecting', error: null };
const FLUSH_MS = 100;

/** The events of `runId`, live; nothing while `runId` is null. */
export function useRunEvents(runId: string | null): RunEventsState {
  const wsClient = useWsClient();
  const [state, setState] = useState<RunEventsState>(INITIAL);

  useEffect(() => {
    setState(INITIAL);
    if (runId === null) return;
    let disposed = false;
    let buffer: TraceEvent[] = [];
    let flushTimer: number | undefined;
    let retryTimer: number | undefined;
    let retries = 0;
    let unsubscribe = () => {};
    // graphql-ws keeps this object and sends it again on every reconnect: updating `after` in
    // place is what makes a resumed subscription start after the last event already seen.
    const variables: { runId: string; after: string | null } = { runId, after: null };
    const payload = { query: stringifyDocument(RunEvents), variables };

    // Live events (and the history, if the paged read below fails) arrive one message each: the
    // first renders at once, the rest in batches at most every FLUSH_MS, so a burst does not cost
    // a render (and a fold of everything so far) per message.
    let lastFlush = 0;
    const flush = () => {
      flushTimer = undefined;
      lastFlush = performance.now();
      const batch = buffer;
      buffer = [];
      // Rendered in this task: while thousands of messages queue up, React's own scheduling
      // would wait behind all of them and the first rows would show late.
      flushSync(() =>
        setState((current) => ({
          events: mergeEvents(current.events, batch),
          phase: 'streaming',
          error: null,
        })),
      );
    };
    const scheduleFlush = () => {
      if (flushTimer !== undefined) return;
      const wait = Math.max(0, lastFlush + FLUSH_MS - performance.now());
      flushTimer = window.setTimeout(flush, wait);
    };

    const subscribe = () => {
      unsubscribe = wsClient.subscribe<RunEventsSubscription>(payload, {
        next: (result) => {
          retries = 0;
          if (result.errors?.length) {
            setState((current) => ({
              ...current,
              phase: 'error',
              error: result.errors?.[0]?.message ?? null,
            }));
            return;
          }
          const event = result.data?.runEvents;
          if (!event) return;
          variables.after = event.position;
          buffer.push(event);
          scheduleFlush();
        },
        error: (error) => {
          if (disposed) return;
          if (Array.isArray(error)) {
            const message = (error[0] as { message?: string } | undefined)?.message ?? 'Subscription failed';
            setState((current) => ({ ...current, phase: 'error', error: message }));
            return;
          }
          // A close graphql-ws gives up on (e.g. the server dropping a slow consumer): resume.
          retryTimer = window.setTimeout(subscribe, backoffMs(retries++));
        },
        complete: () => {},
      });
    };
    // History comes in pages of HISTORY_PAGE events over the same socket (one message each, not
    // one per event), so a long run opens in seconds; then the subscription goes on from the last
    // cursor. A failed page is not an error: the subscription sends the rest of the history too.
    const historyQuery = stringifyDocument(RunHistory);
    const loadHistory = async () => {
      try {
        for (;;) {
          const page = await queryOnce<RunHistoryQuery>(wsClient, {
            query: historyQuery,
            variables: { runId, after: variables.after, first: HISTORY_PAGE },
          });
          if (disposed) return;
          const events = page.run?.events;
          if (!events) break; // an unknown run: the subscription reports it
          for (const { node } of events.edges) buffer.push(node);
          const last = events.edges.at(-1);
          if (last) variables.after = last.node.position;
          if (buffer.length > 0) flush();
          if (!events.pageInfo.hasNextPage) break;
        }
      } catch {
        // Lost connection or a refused page: the subscription resumes from `variables.after`.
      }
      if (!disposed) subscribe();
    };
    void loadHistory();
    return () => {
      disposed = true;
      window.clearTimeout(flushTimer);
      window.clearTimeout(retryTimer);
      unsubscribe();
    };
  }, [wsClient, runId]);

  return state;
}
