import { graphql } from '../../gql';

export const HitlCardFields = graphql(`
  fragment HitlCardFields on HitlRequest {
    id
    status
    tool
    params
    risk
    reasons
    step
    runId
    agentId
    requestedAt
    expiresAt
    onExpiry
    decidedAt
    decidedBy
    comment
    editedParams
    escalated
    escalatedTo
    runEnded
    run {
      id
      goal
      agent {
        id
        name
      }
    }
  }
`);

export const ApproveHitlRequest = graphql(`
  mutation ApproveHitlRequest($id: ID!, $comment: String, $editedParams: JSON) {
    approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) {
      ...HitlCardFields
    }
  }
`);

export const RejectHitlRequest = graphql(`
  mutation RejectHitlRequest($id: ID!, $comment: String) {
    rejectHitlRequest(id: $id, comment: $comment) {
      ...HitlCardFields
    }
  }
`);
