// A run's steps, a page at a time, over HTTP: the documents and the first page's size, in a module
// of their own so that the opening page can ask for its first page before the run page's code has
// loaded (route-prefetch.ts), exactly as useRunSteps would.
import { stringifyDocument } from 'urql';
import { queryOverHttp } from '../../api/http-query';
import { graphql } from '../../gql';
import type { RunStepsPageQuery } from '../../gql/graphql';

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

export const RunStepsPage = graphql(`
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

/** The first page: what fills the screen. */
export const FIRST_PAGE = 50;
/** One page of a run's steps after a cursor (null: from the first step). */
export function readRunStepsPage(
  runId: string,
  first: number,
  after: string | null,
): Promise<RunStepsPageQuery> {
  return queryOverHttp<RunStepsPageQuery>({
    query: stringifyDocument(RunStepsPage),
    variables: { runId, first, after },
  });
}

/** Where the opening page keeps the first page it asked for early (api/prefetch.ts). */
export const firstStepsPageKey = (runId: string) => `run-steps:${runId}:first`;
