// The operations the SDK sends, typed by graphql-codegen (`npm run generate` writes ./gql/ from
// these and schema/schema.graphql). Each selects what an integrator needs, not everything.
import { graphql } from './gql/index.js';

export const AgentFields = graphql(`
  fragment SdkAgent on Agent {
    id
    name
    purpose
    status
    version
    llmProvider
    llmModel
    tools
    systemPrompt
    createdAt
    updatedAt
  }
`);

export const RunFields = graphql(`
  fragment SdkRun on Run {
    id
    agentId
    agentVersion
    status
    goal
    output
    error {
      code
      message
    }
    startedAt
    finishedAt
    updatedAt
    lastRevision
    lastPosition
    metrics {
      steps
      inputTokens
      outputTokens
      costUsd
    }
  }
`);

export const ApprovalFields = graphql(`
  fragment SdkApproval on HitlRequest {
    id
    runId
    agentId
    step
    tool
    params
    risk
    reasons
    status
    runEnded
    requestedAt
    expiresAt
    onExpiry
    escalated
    decidedBy
    decidedAt
    comment
    editedParams
  }
`);

export const ListAgents = graphql(`
  query SdkListAgents($first: Int, $after: String, $status: AgentStatus) {
    agents(first: $first, after: $after, status: $status) {
      edges {
        node {
          ...SdkAgent
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const GetAgent = graphql(`
  query SdkGetAgent($id: ID!) {
    agent(id: $id) {
      ...SdkAgent
    }
  }
`);

export const CreateAgent = graphql(`
  mutation SdkCreateAgent($input: CreateAgentInput!) {
    createAgent(input: $input) {
      ...SdkAgent
    }
  }
`);

export const StartRun = graphql(`
  mutation SdkStartRun($input: StartRunInput!) {
    startRun(input: $input) {
      ...SdkRun
    }
  }
`);

export const GetRun = graphql(`
  query SdkGetRun($id: ID!) {
    run(id: $id) {
      ...SdkRun
    }
  }
`);

export const ListRuns = graphql(`
  query SdkListRuns($first: Int, $after: String, $filter: RunFilter) {
    runs(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          ...SdkRun
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CancelRun = graphql(`
  mutation SdkCancelRun($id: ID!, $reason: String) {
    cancelRun(id: $id, reason: $reason) {
      ...SdkRun
    }
  }
`);

export const RunSteps = graphql(`
  query SdkRunSteps($id: ID!, $first: Int, $after: String) {
    run(id: $id) {
      steps(first: $first, after: $after) {
        edges {
          node {
            step
            kind
            status
            tool
            params
            output
            outcome
            risk
            inputTokens
            outputTokens
            costUsd
            startedAt
            finishedAt
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

export const ListApprovals = graphql(`
  query SdkListApprovals($first: Int, $after: String, $runId: ID, $agentId: ID, $status: HitlStatus) {
    hitlRequests(first: $first, after: $after, runId: $runId, agentId: $agentId, status: $status) {
      edges {
        node {
          ...SdkApproval
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const Approve = graphql(`
  mutation SdkApprove($id: ID!, $comment: String, $editedParams: JSON) {
    approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) {
      ...SdkApproval
    }
  }
`);

export const Reject = graphql(`
  mutation SdkReject($id: ID!, $comment: String) {
    rejectHitlRequest(id: $id, comment: $comment) {
      ...SdkApproval
    }
  }
`);

export const RunEvents = graphql(`
  subscription SdkRunEvents($runId: ID!, $after: String) {
    runEvents(runId: $runId, after: $after) {
      id
      type
      position
      revision
      recordedAt
      data
    }
  }
`);

export const RunUpdated = graphql(`
  subscription SdkRunUpdated($runId: ID!) {
    runUpdated(runId: $runId) {
      ...SdkRun
    }
  }
`);

export const ApprovalsRequested = graphql(`
  subscription SdkApprovalsRequested {
    hitlRequested {
      ...SdkApproval
    }
  }
`);
