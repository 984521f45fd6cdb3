// The run page's own query: in a module of its own so that the opening page can ask for it before
// the run page's code has loaded (route-prefetch.ts).
import { graphql } from '../../gql';

export const RunPageQuery = graphql(`
  query RunPage($id: ID!) {
    run(id: $id) {
      ...RunSummaryFields
      goal
      agentId
      agentVersion
      agent {
        id
        name
      }
      forkedFrom {
        runId
        atRevision
      }
      hitlRequests {
        ...HitlCardFields
      }
    }
  }
`);
