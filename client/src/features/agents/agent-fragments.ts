import { graphql } from '../../gql';

export const AgentDetailFields = graphql(`
  fragment AgentDetailFields on Agent {
    id
    name
    purpose
    llmProvider
    llmEndpoint
    llmModel
    temperature
    tools
    systemPrompt
    status
    version
    createdAt
    updatedAt
    archivedAt
    policyIds
    budget {
      maxSteps
      maxTokens
      maxCostUsd
      maxWallTimeMs
    }
    approval {
      timeoutMs
      onExpiry
      escalateTo {
        role
        users
      }
    }
  }
`);
