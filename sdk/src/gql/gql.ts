/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SdkAgent on Agent {\n    id\n    name\n    purpose\n    status\n    version\n    llmProvider\n    llmModel\n    tools\n    systemPrompt\n    createdAt\n    updatedAt\n  }\n": typeof types.SdkAgentFragmentDoc,
    "\n  fragment SdkRun on Run {\n    id\n    agentId\n    agentVersion\n    status\n    goal\n    output\n    error {\n      code\n      message\n    }\n    startedAt\n    finishedAt\n    updatedAt\n    lastRevision\n    lastPosition\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n": typeof types.SdkRunFragmentDoc,
    "\n  fragment SdkApproval on HitlRequest {\n    id\n    runId\n    agentId\n    step\n    tool\n    params\n    risk\n    reasons\n    status\n    runEnded\n    requestedAt\n    expiresAt\n    onExpiry\n    escalated\n    decidedBy\n    decidedAt\n    comment\n    editedParams\n  }\n": typeof types.SdkApprovalFragmentDoc,
    "\n  query SdkListAgents($first: Int, $after: String, $status: AgentStatus) {\n    agents(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          ...SdkAgent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SdkListAgentsDocument,
    "\n  query SdkGetAgent($id: ID!) {\n    agent(id: $id) {\n      ...SdkAgent\n    }\n  }\n": typeof types.SdkGetAgentDocument,
    "\n  mutation SdkCreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      ...SdkAgent\n    }\n  }\n": typeof types.SdkCreateAgentDocument,
    "\n  mutation SdkStartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      ...SdkRun\n    }\n  }\n": typeof types.SdkStartRunDocument,
    "\n  query SdkGetRun($id: ID!) {\n    run(id: $id) {\n      ...SdkRun\n    }\n  }\n": typeof types.SdkGetRunDocument,
    "\n  query SdkListRuns($first: Int, $after: String, $filter: RunFilter) {\n    runs(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          ...SdkRun\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SdkListRunsDocument,
    "\n  mutation SdkCancelRun($id: ID!, $reason: String) {\n    cancelRun(id: $id, reason: $reason) {\n      ...SdkRun\n    }\n  }\n": typeof types.SdkCancelRunDocument,
    "\n  query SdkRunSteps($id: ID!, $first: Int, $after: String) {\n    run(id: $id) {\n      steps(first: $first, after: $after) {\n        edges {\n          node {\n            step\n            kind\n            status\n            tool\n            params\n            output\n            outcome\n            risk\n            inputTokens\n            outputTokens\n            costUsd\n            startedAt\n            finishedAt\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.SdkRunStepsDocument,
    "\n  query SdkListApprovals($first: Int, $after: String, $runId: ID, $agentId: ID, $status: HitlStatus) {\n    hitlRequests(first: $first, after: $after, runId: $runId, agentId: $agentId, status: $status) {\n      edges {\n        node {\n          ...SdkApproval\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SdkListApprovalsDocument,
    "\n  mutation SdkApprove($id: ID!, $comment: String, $editedParams: JSON) {\n    approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) {\n      ...SdkApproval\n    }\n  }\n": typeof types.SdkApproveDocument,
    "\n  mutation SdkReject($id: ID!, $comment: String) {\n    rejectHitlRequest(id: $id, comment: $comment) {\n      ...SdkApproval\n    }\n  }\n": typeof types.SdkRejectDocument,
    "\n  subscription SdkRunEvents($runId: ID!, $after: String) {\n    runEvents(runId: $runId, after: $after) {\n      id\n      type\n      position\n      revision\n      recordedAt\n      data\n    }\n  }\n": typeof types.SdkRunEventsDocument,
    "\n  subscription SdkRunUpdated($runId: ID!) {\n    runUpdated(runId: $runId) {\n      ...SdkRun\n    }\n  }\n": typeof types.SdkRunUpdatedDocument,
    "\n  subscription SdkApprovalsRequested {\n    hitlRequested {\n      ...SdkApproval\n    }\n  }\n": typeof types.SdkApprovalsRequestedDocument,
};
const documents: Documents = {
    "\n  fragment SdkAgent on Agent {\n    id\n    name\n    purpose\n    status\n    version\n    llmProvider\n    llmModel\n    tools\n    systemPrompt\n    createdAt\n    updatedAt\n  }\n": types.SdkAgentFragmentDoc,
    "\n  fragment SdkRun on Run {\n    id\n    agentId\n    agentVersion\n    status\n    goal\n    output\n    error {\n      code\n      message\n    }\n    startedAt\n    finishedAt\n    updatedAt\n    lastRevision\n    lastPosition\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n": types.SdkRunFragmentDoc,
    "\n  fragment SdkApproval on HitlRequest {\n    id\n    runId\n    agentId\n    step\n    tool\n    params\n    risk\n    reasons\n    status\n    runEnded\n    requestedAt\n    expiresAt\n    onExpiry\n    escalated\n    decidedBy\n    decidedAt\n    comment\n    editedParams\n  }\n": types.SdkApprovalFragmentDoc,
    "\n  query SdkListAgents($first: Int, $after: String, $status: AgentStatus) {\n    agents(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          ...SdkAgent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SdkListAgentsDocument,
    "\n  query SdkGetAgent($id: ID!) {\n    agent(id: $id) {\n      ...SdkAgent\n    }\n  }\n": types.SdkGetAgentDocument,
    "\n  mutation SdkCreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      ...SdkAgent\n    }\n  }\n": types.SdkCreateAgentDocument,
    "\n  mutation SdkStartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      ...SdkRun\n    }\n  }\n": types.SdkStartRunDocument,
    "\n  query SdkGetRun($id: ID!) {\n    run(id: $id) {\n      ...SdkRun\n    }\n  }\n": types.SdkGetRunDocument,
    "\n  query SdkListRuns($first: Int, $after: String, $filter: RunFilter) {\n    runs(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          ...SdkRun\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SdkListRunsDocument,
    "\n  mutation SdkCancelRun($id: ID!, $reason: String) {\n    cancelRun(id: $id, reason: $reason) {\n      ...SdkRun\n    }\n  }\n": types.SdkCancelRunDocument,
    "\n  query SdkRunSteps($id: ID!, $first: Int, $after: String) {\n    run(id: $id) {\n      steps(first: $first, after: $after) {\n        edges {\n          node {\n            step\n            kind\n            status\n            tool\n            params\n            output\n            outcome\n            risk\n            inputTokens\n            outputTokens\n            costUsd\n            startedAt\n            finishedAt\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.SdkRunStepsDocument,
    "\n  query SdkListApprovals($first: Int, $after: String, $runId: ID, $agentId: ID, $status: HitlStatus) {\n    hitlRequests(first: $first, after: $after, runId: $runId, agentId: $agentId, status: $status) {\n      edges {\n        node {\n          ...SdkApproval\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SdkListApprovalsDocument,
    "\n  mutation SdkApprove($id: ID!, $comment: String, $editedParams: JSON) {\n    approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) {\n      ...SdkApproval\n    }\n  }\n": types.SdkApproveDocument,
    "\n  mutation SdkReject($id: ID!, $comment: String) {\n    rejectHitlRequest(id: $id, comment: $comment) {\n      ...SdkApproval\n    }\n  }\n": types.SdkRejectDocument,
    "\n  subscription SdkRunEvents($runId: ID!, $after: String) {\n    runEvents(runId: $runId, after: $after) {\n      id\n      type\n      position\n      revision\n      recordedAt\n      data\n    }\n  }\n": types.SdkRunEventsDocument,
    "\n  subscription SdkRunUpdated($runId: ID!) {\n    runUpdated(runId: $runId) {\n      ...SdkRun\n    }\n  }\n": types.SdkRunUpdatedDocument,
    "\n  subscription SdkApprovalsRequested {\n    hitlRequested {\n      ...SdkApproval\n    }\n  }\n": types.SdkApprovalsRequestedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SdkAgent on Agent {\n    id\n    name\n    purpose\n    status\n    version\n    llmProvider\n    llmModel\n    tools\n    systemPrompt\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment SdkAgent on Agent {\n    id\n    name\n    purpose\n    status\n    version\n    llmProvider\n    llmModel\n    tools\n    systemPrompt\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SdkRun on Run {\n    id\n    agentId\n    agentVersion\n    status\n    goal\n    output\n    error {\n      code\n      message\n    }\n    startedAt\n    finishedAt\n    updatedAt\n    lastRevision\n    lastPosition\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n"): (typeof documents)["\n  fragment SdkRun on Run {\n    id\n    agentId\n    agentVersion\n    status\n    goal\n    output\n    error {\n      code\n      message\n    }\n    startedAt\n    finishedAt\n    updatedAt\n    lastRevision\n    lastPosition\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SdkApproval on HitlRequest {\n    id\n    runId\n    agentId\n    step\n    tool\n    params\n    risk\n    reasons\n    status\n    runEnded\n    requestedAt\n    expiresAt\n    onExpiry\n    escalated\n    decidedBy\n    decidedAt\n    comment\n    editedParams\n  }\n"): (typeof documents)["\n  fragment SdkApproval on HitlRequest {\n    id\n    runId\n    agentId\n    step\n    tool\n    params\n    risk\n    reasons\n    status\n    runEnded\n    requestedAt\n    expiresAt\n    onExpiry\n    escalated\n    decidedBy\n    decidedAt\n    comment\n    editedParams\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkListAgents($first: Int, $after: String, $status: AgentStatus) {\n    agents(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          ...SdkAgent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query SdkListAgents($first: Int, $after: String, $status: AgentStatus) {\n    agents(first: $first, after: $after, status: $status) {\n      edges {\n        node {\n          ...SdkAgent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkGetAgent($id: ID!) {\n    agent(id: $id) {\n      ...SdkAgent\n    }\n  }\n"): (typeof documents)["\n  query SdkGetAgent($id: ID!) {\n    agent(id: $id) {\n      ...SdkAgent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkCreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      ...SdkAgent\n    }\n  }\n"): (typeof documents)["\n  mutation SdkCreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      ...SdkAgent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkStartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      ...SdkRun\n    }\n  }\n"): (typeof documents)["\n  mutation SdkStartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      ...SdkRun\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkGetRun($id: ID!) {\n    run(id: $id) {\n      ...SdkRun\n    }\n  }\n"): (typeof documents)["\n  query SdkGetRun($id: ID!) {\n    run(id: $id) {\n      ...SdkRun\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkListRuns($first: Int, $after: String, $filter: RunFilter) {\n    runs(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          ...SdkRun\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query SdkListRuns($first: Int, $after: String, $filter: RunFilter) {\n    runs(first: $first, after: $after, filter: $filter) {\n      edges {\n        node {\n          ...SdkRun\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkCancelRun($id: ID!, $reason: String) {\n    cancelRun(id: $id, reason: $reason) {\n      ...SdkRun\n    }\n  }\n"): (typeof documents)["\n  mutation SdkCancelRun($id: ID!, $reason: String) {\n    cancelRun(id: $id, reason: $reason) {\n      ...SdkRun\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkRunSteps($id: ID!, $first: Int, $after: String) {\n    run(id: $id) {\n      steps(first: $first, after: $after) {\n        edges {\n          node {\n            step\n            kind\n            status\n            tool\n            params\n            output\n            outcome\n            risk\n            inputTokens\n            outputTokens\n            costUsd\n            startedAt\n            finishedAt\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SdkRunSteps($id: ID!, $first: Int, $after: String) {\n    run(id: $id) {\n      steps(first: $first, after: $after) {\n        edges {\n          node {\n            step\n            kind\n            status\n            tool\n            params\n            output\n            outcome\n            risk\n            inputTokens\n            outputTokens\n            costUsd\n            startedAt\n            finishedAt\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkListApprovals($first: Int, $after: String, $runId: ID, $agentId: ID, $status: HitlStatus) {\n    hitlRequests(first: $first, after: $after, runId: $runId, agentId: $agentId, status: $status) {\n      edges {\n        node {\n          ...SdkApproval\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query SdkListApprovals($first: Int, $after: String, $runId: ID, $agentId: ID, $status: HitlStatus) {\n    hitlRequests(first: $first, after: $after, runId: $runId, agentId: $agentId, status: $status) {\n      edges {\n        node {\n          ...SdkApproval\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkApprove($id: ID!, $comment: String, $editedParams: JSON) {\n    approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) {\n      ...SdkApproval\n    }\n  }\n"): (typeof documents)["\n  mutation SdkApprove($id: ID!, $comment: String, $editedParams: JSON) {\n    approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) {\n      ...SdkApproval\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SdkReject($id: ID!, $comment: String) {\n    rejectHitlRequest(id: $id, comment: $comment) {\n      ...SdkApproval\n    }\n  }\n"): (typeof documents)["\n  mutation SdkReject($id: ID!, $comment: String) {\n    rejectHitlRequest(id: $id, comment: $comment) {\n      ...SdkApproval\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SdkRunEvents($runId: ID!, $after: String) {\n    runEvents(runId: $runId, after: $after) {\n      id\n      type\n      position\n      revision\n      recordedAt\n      data\n    }\n  }\n"): (typeof documents)["\n  subscription SdkRunEvents($runId: ID!, $after: String) {\n    runEvents(runId: $runId, after: $after) {\n      id\n      type\n      position\n      revision\n      recordedAt\n      data\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SdkRunUpdated($runId: ID!) {\n    runUpdated(runId: $runId) {\n      ...SdkRun\n    }\n  }\n"): (typeof documents)["\n  subscription SdkRunUpdated($runId: ID!) {\n    runUpdated(runId: $runId) {\n      ...SdkRun\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SdkApprovalsRequested {\n    hitlRequested {\n      ...SdkApproval\n    }\n  }\n"): (typeof documents)["\n  subscription SdkApprovalsRequested {\n    hitlRequested {\n      ...SdkApproval\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;