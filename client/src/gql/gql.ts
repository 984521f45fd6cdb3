/* eslint-disable */
import * as types from './graphql';
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
    "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateAgentDocument,
    "\n  mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      ...AgentDetailFields\n    }\n  }\n": typeof types.UpdateAgentDocument,
    "\n  fragment AgentDetailFields on Agent {\n    id\n    name\n    purpose\n    llmProvider\n    llmEndpoint\n    llmModel\n    temperature\n    tools\n    systemPrompt\n    status\n    version\n    createdAt\n    updatedAt\n    archivedAt\n    policyIds\n    budget {\n      maxSteps\n      maxTokens\n      maxCostUsd\n      maxWallTimeMs\n    }\n    approval {\n      timeoutMs\n      onExpiry\n      escalateTo {\n        role\n        users\n      }\n    }\n  }\n": typeof types.AgentDetailFieldsFragmentDoc,
    "\n  query AgentVersions($id: ID!) {\n    agent(id: $id) {\n      id\n      version\n      versions {\n        version\n        changedAt\n        changedBy\n      }\n    }\n  }\n": typeof types.AgentVersionsDocument,
    "\n  query AgentVersionDiff($id: ID!, $from: Int!, $to: Int!) {\n    agent(id: $id) {\n      id\n      versionDiff(from: $from, to: $to) {\n        from\n        to\n        changes {\n          field\n          before\n          after\n        }\n      }\n    }\n  }\n": typeof types.AgentVersionDiffDocument,
    "\n  mutation RollbackAgent($input: RollbackAgentInput!) {\n    rollbackAgent(input: $input) {\n      ...AgentDetailFields\n    }\n  }\n": typeof types.RollbackAgentDocument,
    "\n  mutation StartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.StartRunDocument,
    "\n  query AgentFormOptions {\n    integrations {\n      tools {\n        name\n        description\n        configured\n        detail\n        risk\n      }\n      llmProviders {\n        name\n        provider\n        endpoint\n        configured\n        defaultModel\n        models\n      }\n    }\n  }\n": typeof types.AgentFormOptionsDocument,
    "\n  mutation ChangePassword($currentPassword: String, $newPassword: String!) {\n    setPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation SetPassword($currentPassword: String, $newPassword: String!) {\n    setPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      email\n    }\n  }\n": typeof types.SetPasswordDocument,
    "\n  query ActorNames {\n    users {\n      id\n      email\n    }\n  }\n": typeof types.ActorNamesDocument,
    "\n  query Viewer {\n    me {\n      id\n      email\n      role\n      viaLoginLink\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query EvaluationItems($id: ID!) {\n    evaluation(id: $id) {\n      id\n      agentVersion\n      score\n      status\n      items {\n        itemId\n        index\n        goal\n        score\n        passed\n        runId\n        costUsd\n        latencyMs\n      }\n    }\n  }\n": typeof types.EvaluationItemsDocument,
    "\n  query EvaluationsWorkspace {\n    datasets {\n      id\n      name\n      description\n      itemCount\n      createdAt\n    }\n    evaluations {\n      id\n      datasetId\n      dataset {\n        name\n      }\n      agentId\n      agent {\n        name\n      }\n      agentVersion\n      status\n      itemCount\n      scoredCount\n      passedCount\n      score\n      costUsd\n      meanLatencyMs\n      startedAt\n    }\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n          version\n        }\n      }\n    }\n  }\n": typeof types.EvaluationsWorkspaceDocument,
    "\n  mutation CreateDataset($input: CreateDatasetInput!) {\n    createDataset(input: $input) {\n      id\n      name\n      itemCount\n    }\n  }\n": typeof types.CreateDatasetDocument,
    "\n  mutation AddDatasetItems($datasetId: ID!, $items: [DatasetItemInput!]!) {\n    addDatasetItems(datasetId: $datasetId, items: $items) {\n      id\n      itemCount\n    }\n  }\n": typeof types.AddDatasetItemsDocument,
    "\n  mutation StartEvaluation($input: StartEvaluationInput!) {\n    startEvaluation(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.StartEvaluationDocument,
    "\n  fragment AuditVerificationFields on AuditVerification {\n    ok\n    eventsChecked\n    brokenAt {\n      stream\n      revision\n      reason\n    }\n    runId\n    verifiedAt\n    durationMs\n    verifiedBy\n  }\n": typeof types.AuditVerificationFieldsFragmentDoc,
    "\n  query LastAuditVerification {\n    lastAuditVerification {\n      ...AuditVerificationFields\n    }\n  }\n": typeof types.LastAuditVerificationDocument,
    "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      ...AuditVerificationFields\n    }\n  }\n": typeof types.VerifyAuditChainDocument,
    "\n  query AuditExport($filter: AuditLogFilter, $after: String) {\n    auditLog(filter: $filter, first: 200, after: $after) {\n      edges {\n        node {\n          id\n          recordedAt\n          kind\n          actor\n          actorId\n          target\n          clientAddress\n          userAgent\n          runId\n          agentId\n          step\n          tool\n          risk\n          decision\n          reasons\n          policyId\n          policyVersion\n          comment\n          data\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditExportDocument,
    "\n  query AuditLog($after: String, $filter: AuditLogFilter) {\n    auditLog(first: 25, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          recordedAt\n          actor\n          target\n          clientAddress\n          userAgent\n          runId\n          step\n          tool\n          risk\n          decision\n          reasons\n          policyId\n          policyVersion\n          comment\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query BacktestPolicy($input: BacktestPolicyInput!) {\n    backtestPolicy(input: $input) {\n      runsEvaluated\n      callsEvaluated\n      changedCalls\n      calls(first: 200, changedOnly: true) {\n        edges {\n          node {\n            runId\n            step\n            revision\n            tool\n            recordedDecision\n            draftDecision\n            recordedRisk\n            draftRisk\n            reasons\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.BacktestPolicyDocument,
    "\n  mutation CreatePolicy($input: CreatePolicyInput!) {\n    createPolicy(input: $input) {\n      ...PolicyFields\n    }\n  }\n": typeof types.CreatePolicyDocument,
    "\n  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {\n    updatePolicy(id: $id, input: $input) {\n      ...PolicyFields\n    }\n  }\n": typeof types.UpdatePolicyDocument,
    "\n  fragment PolicyFields on Policy {\n    id\n    name\n    description\n    version\n    archived\n    rules\n    versions {\n      version\n      rules\n      description\n      changedBy\n      changedAt\n      note\n    }\n  }\n": typeof types.PolicyFieldsFragmentDoc,
    "\n  fragment HitlCardFields on HitlRequest {\n    id\n    status\n    tool\n    params\n    risk\n    reasons\n    step\n    runId\n    agentId\n    requestedAt\n    expiresAt\n    onExpiry\n    decidedAt\n    decidedBy\n    comment\n    editedParams\n    escalated\n    escalatedTo\n    runEnded\n    run {\n      id\n      goal\n      agent {\n        id\n        name\n      }\n    }\n  }\n": typeof types.HitlCardFieldsFragmentDoc,
    "\n  mutation ApproveHitlRequest($id: ID!, $comment: String, $editedParams: JSON) {\n    approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) {\n      ...HitlCardFields\n    }\n  }\n": typeof types.ApproveHitlRequestDocument,
    "\n  mutation RejectHitlRequest($id: ID!, $comment: String) {\n    rejectHitlRequest(id: $id, comment: $comment) {\n      ...HitlCardFields\n    }\n  }\n": typeof types.RejectHitlRequestDocument,
    "\n  subscription HitlLive {\n    hitlUpdated {\n      ...HitlCardFields\n    }\n  }\n": typeof types.HitlLiveDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      createdBy\n      createdAt\n      revokedAt\n      expiresAt\n      lastUsedAt\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($name: String!, $role: Role, $expiresAt: DateTime) {\n    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {\n      token\n      apiToken {\n        id\n        name\n        role\n        createdBy\n        createdAt\n        revokedAt\n        expiresAt\n        lastUsedAt\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query Integrations {\n    integrations {\n      embedder\n      llmProviders {\n        name\n        provider\n        endpoint\n        configured\n        detail\n        baseUrl\n        defaultModel\n        models\n      }\n      tools {\n        name\n        description\n        configured\n        detail\n        source\n        risk\n      }\n      mcpServers {\n        name\n        transport\n        target\n        connected\n        tools\n        error\n      }\n      smtp {\n        mode\n        configured\n        host\n        from\n      }\n    }\n  }\n": typeof types.IntegrationsDocument,
    "\n  mutation TestLlmProvider($provider: LlmProvider!, $endpoint: String) {\n    testLlmProvider(provider: $provider, endpoint: $endpoint) {\n      ok\n      latencyMs\n      message\n      model\n    }\n  }\n": typeof types.TestLlmProviderDocument,
    "\n  mutation CreateNotificationChannel($input: CreateNotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      id\n      name\n      secretSet\n    }\n  }\n": typeof types.CreateNotificationChannelDocument,
    "\n  query NotificationChannels {\n    notificationChannels {\n      id\n      kind\n      name\n      url\n      to\n      events\n      secretSet\n      enabled\n      createdAt\n      lastDelivery {\n        id\n        status\n        attempts\n        responseCode\n        createdAt\n      }\n    }\n  }\n": typeof types.NotificationChannelsDocument,
    "\n  query NotificationDeliveries($id: ID!) {\n    notificationChannel(id: $id) {\n      id\n      deliveries(first: 50) {\n        id\n        event\n        status\n        attempts\n        responseCode\n        lastError\n        createdAt\n        lastAttemptAt\n        nextAttemptAt\n        deliveredAt\n      }\n    }\n  }\n": typeof types.NotificationDeliveriesDocument,
    "\n  mutation TestNotificationChannel($id: ID!) {\n    testNotificationChannel(id: $id) {\n      ok\n      responseCode\n      message\n      latencyMs\n    }\n  }\n": typeof types.TestNotificationChannelDocument,
    "\n  mutation SetNotificationChannelEnabled($id: ID!, $enabled: Boolean!) {\n    setNotificationChannelEnabled(id: $id, enabled: $enabled) {\n      id\n      enabled\n    }\n  }\n": typeof types.SetNotificationChannelEnabledDocument,
    "\n  mutation DeleteNotificationChannel($id: ID!) {\n    deleteNotificationChannel(id: $id)\n  }\n": typeof types.DeleteNotificationChannelDocument,
    "\n  query Outbox($after: String) {\n    outbox(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          subject\n          to\n          body\n          createdAt\n          runId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.OutboxDocument,
    "\n  query Users {\n    users {\n      id\n      email\n      role\n      createdAt\n      active\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation ChangeUserRole($id: ID!, $role: Role!) {\n    changeUserRole(id: $id, role: $role) {\n      id\n      role\n    }\n  }\n": typeof types.ChangeUserRoleDocument,
    "\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n": typeof types.DeactivateUserDocument,
    "\n  mutation ReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n": typeof types.ReactivateUserDocument,
    "\n  mutation RemoveUser($id: ID!) {\n    removeUser(id: $id) {\n      id\n    }\n  }\n": typeof types.RemoveUserDocument,
    "\n  mutation CreateUser($email: String!, $password: String!, $role: Role!) {\n    createUser(email: $email, password: $password, role: $role) {\n      id\n      email\n      role\n      createdAt\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  query DatasetChoices {\n    datasets {\n      id\n      name\n      itemCount\n    }\n  }\n": typeof types.DatasetChoicesDocument,
    "\n  mutation AddRunToDataset($datasetId: ID!, $items: [DatasetItemInput!]!) {\n    addDatasetItems(datasetId: $datasetId, items: $items) {\n      id\n      name\n      itemCount\n    }\n  }\n": typeof types.AddRunToDatasetDocument,
    "\n  query RunMemories($runId: ID!) {\n    run(id: $runId) {\n      id\n      metrics {\n        steps\n      }\n      memories {\n        id\n        kind\n        step\n        text\n        embeddingModel\n        createdAt\n      }\n    }\n  }\n": typeof types.RunMemoriesDocument,
    "\n  query SearchMemories($agentId: ID!, $query: String!, $limit: Int) {\n    searchMemories(agentId: $agentId, query: $query, limit: $limit) {\n      id\n      kind\n      step\n      runId\n      text\n      distance\n      embeddingModel\n    }\n  }\n": typeof types.SearchMemoriesDocument,
    "\n  query MemoriesAtStep($runId: ID!, $step: Int!) {\n    run(id: $runId) {\n      id\n      memoriesAt(step: $step) {\n        id\n        score\n        kind\n        text\n        runId\n        step\n      }\n    }\n  }\n": typeof types.MemoriesAtStepDocument,
    "\n  subscription RunThoughtLive($runId: ID!) {\n    runThoughtDelta(runId: $runId) {\n      step\n      attempt\n      text\n    }\n  }\n": typeof types.RunThoughtLiveDocument,
    "\n  query ReplayRun($runId: ID!) {\n    replayRun(runId: $runId) {\n      runId\n      matched\n      decisionsCompared\n      firstDivergence {\n        revision\n        step\n        expected\n        actual\n      }\n    }\n  }\n": typeof types.ReplayRunDocument,
    "\n  mutation CancelRun($id: ID!, $reason: String) {\n    cancelRun(id: $id, reason: $reason) {\n      id\n      status\n      finishedAt\n    }\n  }\n": typeof types.CancelRunDocument,
    "\n  mutation ForkRun($runId: ID!, $atRevision: Int!, $overrides: ForkOverrides) {\n    forkRun(runId: $runId, atRevision: $atRevision, overrides: $overrides) {\n      id\n    }\n  }\n": typeof types.ForkRunDocument,
    "\n  query CompareCandidates($agentId: ID!) {\n    runs(filter: { agentId: $agentId }, first: 50) {\n      edges {\n        node {\n          id\n          goal\n          status\n          startedAt\n          forkedFrom {\n            runId\n          }\n        }\n      }\n    }\n  }\n": typeof types.CompareCandidatesDocument,
    "\n  query RunDiff($a: ID!, $b: ID!) {\n    runDiff(a: $a, b: $b) {\n      a\n      b\n      differingSteps\n      steps {\n        step\n        kind\n        changes\n        inherited\n        a {\n          ...RunDiffStepFields\n        }\n        b {\n          ...RunDiffStepFields\n        }\n      }\n    }\n  }\n  fragment RunDiffStepFields on RunStep {\n    step\n    status\n    kind\n    thought\n    tool\n    paramsSummary\n    inputTokens\n    outputTokens\n    costUsd\n    latencyMs\n    startedAt\n    lastRevision\n  }\n": typeof types.RunDiffDocument,
    "\n  query RunPage($id: ID!) {\n    run(id: $id) {\n      ...RunSummaryFields\n      goal\n      agentId\n      agentVersion\n      agent {\n        id\n        name\n      }\n      forkedFrom {\n        runId\n        atRevision\n      }\n      hitlRequests {\n        ...HitlCardFields\n      }\n    }\n  }\n": typeof types.RunPageDocument,
    "\n  fragment RunStepRowFields on RunStep {\n    step\n    status\n    kind\n    thought\n    tool\n    paramsSummary\n    risk\n    decision\n    inputTokens\n    outputTokens\n    costUsd\n    latencyMs\n    startedAt\n    finishedAt\n    durationMs\n    lastRevision\n  }\n": typeof types.RunStepRowFieldsFragmentDoc,
    "\n  query RunStepsPage($runId: ID!, $first: Int!, $after: String) {\n    run(id: $runId) {\n      id\n      steps(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            ...RunStepRowFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.RunStepsPageDocument,
    "\n  fragment RunSummaryFields on Run {\n    id\n    status\n    startedAt\n    finishedAt\n    updatedAt\n    lastRevision\n    lastPosition\n    output\n    error {\n      code\n      message\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n": typeof types.RunSummaryFieldsFragmentDoc,
    "\n  query RunsExplorer($filter: RunFilter, $sort: RunSort, $after: String) {\n    runs(filter: $filter, sort: $sort, first: 25, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RunsExplorerDocument,
    "\n  query RunsExplorerAgents {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.RunsExplorerAgentsDocument,
    "\n  fragment RunExportRow on Run {\n    id\n    status\n    agentId\n    agentVersion\n    goal\n    startedAt\n    finishedAt\n    output\n    error {\n      message\n      code\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n": typeof types.RunExportRowFragmentDoc,
    "\n  query RunsExport($filter: RunFilter, $sort: RunSort, $after: String) {\n    runs(filter: $filter, sort: $sort, first: 200, after: $after) {\n      edges {\n        node {\n          ...RunExportRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RunsExportDocument,
    "\n  query RunsPage($filter: RunFilter, $after: String) {\n    runs(filter: $filter, first: 15, after: $after) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.RunsPageDocument,
    "\n  fragment RunRowFields on Run {\n    id\n    status\n    goal\n    agentId\n    agent {\n      id\n      name\n    }\n    startedAt\n    finishedAt\n    updatedAt\n    error {\n      message\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n": typeof types.RunRowFieldsFragmentDoc,
    "\n  query RunAnnotations($runId: ID!) {\n    run(id: $runId) {\n      id\n      annotations {\n        id\n        step\n        label\n        score\n        comment\n        by\n        createdAt\n      }\n    }\n  }\n": typeof types.RunAnnotationsDocument,
    "\n  mutation AnnotateStep($input: AnnotateStepInput!) {\n    annotateStep(input: $input) {\n      id\n      step\n      label\n      score\n      comment\n      by\n      createdAt\n    }\n  }\n": typeof types.AnnotateStepDocument,
    "\n  query RunStepEvents($runId: ID!, $step: Int!) {\n    run(id: $runId) {\n      id\n      stepEvents(step: $step) {\n        id\n        position\n        revision\n        type\n        data\n        recordedAt\n      }\n    }\n  }\n": typeof types.RunStepEventsDocument,
    "\n  subscription AnyRunUpdated {\n    runUpdated {\n      ...RunRowFields\n    }\n  }\n": typeof types.AnyRunUpdatedDocument,
    "\n  subscription RunEvents($runId: ID!, $after: String) {\n    runEvents(runId: $runId, after: $after) {\n      position\n      revision\n      type\n      data\n      recordedAt\n    }\n  }\n": typeof types.RunEventsDocument,
    "\n  query RunHistory($runId: ID!, $after: String, $first: Int!) {\n    run(id: $runId) {\n      events(after: $after, first: $first) {\n        edges {\n          node {\n            position\n            revision\n            type\n            data\n            recordedAt\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.RunHistoryDocument,
    "\n  subscription RunStepLive($runId: ID!) {\n    runStepUpdated(runId: $runId) {\n      ...RunStepRowFields\n    }\n  }\n": typeof types.RunStepLiveDocument,
    "\n  query RecentPendingApprovals {\n    hitlRequests(status: PENDING, first: 10) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n  }\n": typeof types.RecentPendingApprovalsDocument,
    "\n  query PendingApprovalCount {\n    hitlRequests(status: PENDING, first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.PendingApprovalCountDocument,
    "\n  query AgentDetail($id: ID!) {\n    agent(id: $id) {\n      ...AgentDetailFields\n    }\n  }\n": typeof types.AgentDetailDocument,
    "\n  mutation ArchiveAgent($id: ID!) {\n    archiveAgent(id: $id) {\n      ...AgentDetailFields\n    }\n  }\n": typeof types.ArchiveAgentDocument,
    "\n  query AgentsList {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n          purpose\n          llmProvider\n          llmModel\n          tools\n          status\n          version\n          updatedAt\n        }\n      }\n    }\n  }\n": typeof types.AgentsListDocument,
    "\n  query DashboardMetrics($today: TimeRange!) {\n    live: metrics {\n      pendingApprovals\n      runsByStatus {\n        status\n        count\n      }\n    }\n    today: metrics(range: $today) {\n      runs\n      inputTokens\n      outputTokens\n      costUsd\n      runsByStatus {\n        status\n        count\n      }\n    }\n  }\n": typeof types.DashboardMetricsDocument,
    "\n  query DashboardLists {\n    pending: hitlRequests(status: PENDING, first: 6) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n    failures: runs(filter: { status: [FAILED] }, first: 5) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n    }\n  }\n": typeof types.DashboardListsDocument,
    "\n  query RecentRuns {\n    runs(first: 10) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n    }\n  }\n": typeof types.RecentRunsDocument,
    "\n  query Policies {\n    policies {\n      ...PolicyFields\n    }\n  }\n": typeof types.PoliciesDocument,
    "\n  query HitlRequests($status: HitlStatus, $first: Int!) {\n    hitlRequests(status: $status, first: $first) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n  }\n": typeof types.HitlRequestsDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      viewer {\n        id\n        email\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation LoginWithLink($token: String!) {\n    loginWithLink(token: $token) {\n      token\n      viewer {\n        id\n        email\n        role\n      }\n    }\n  }\n": typeof types.LoginWithLinkDocument,
    "\n  query Observability($range: TimeRange, $agentId: ID, $bucket: MetricsBucket) {\n    observability(range: $range, agentId: $agentId, bucket: $bucket) {\n      bucket\n      usage {\n        start\n        model\n        agentId\n        agentName\n        llmCalls\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      stepLatency {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      toolLatency {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      approvalWait {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      runsFinished\n      runsFailed\n      errorRate\n      llmErrors\n    }\n  }\n": typeof types.ObservabilityDocument,
    "\n  query AgentChoices {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.AgentChoicesDocument,
    "\n  subscription RunLive($runId: ID!) {\n    runUpdated(runId: $runId) {\n      ...RunSummaryFields\n    }\n  }\n": typeof types.RunLiveDocument,
};
const documents: Documents = {
    "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateAgentDocument,
    "\n  mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      ...AgentDetailFields\n    }\n  }\n": types.UpdateAgentDocument,
    "\n  fragment AgentDetailFields on Agent {\n    id\n    name\n    purpose\n    llmProvider\n    llmEndpoint\n    llmModel\n    temperature\n    tools\n    systemPrompt\n    status\n    version\n    createdAt\n    updatedAt\n    archivedAt\n    policyIds\n    budget {\n      maxSteps\n      maxTokens\n      maxCostUsd\n      maxWallTimeMs\n    }\n    approval {\n      timeoutMs\n      onExpiry\n      escalateTo {\n        role\n        users\n      }\n    }\n  }\n": types.AgentDetailFieldsFragmentDoc,
    "\n  query AgentVersions($id: ID!) {\n    agent(id: $id) {\n      id\n      version\n      versions {\n        version\n        changedAt\n        changedBy\n      }\n    }\n  }\n": types.AgentVersionsDocument,
    "\n  query AgentVersionDiff($id: ID!, $from: Int!, $to: Int!) {\n    agent(id: $id) {\n      id\n      versionDiff(from: $from, to: $to) {\n        from\n        to\n        changes {\n          field\n          before\n          after\n        }\n      }\n    }\n  }\n": types.AgentVersionDiffDocument,
    "\n  mutation RollbackAgent($input: RollbackAgentInput!) {\n    rollbackAgent(input: $input) {\n      ...AgentDetailFields\n    }\n  }\n": types.RollbackAgentDocument,
    "\n  mutation StartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      id\n      status\n    }\n  }\n": types.StartRunDocument,
    "\n  query AgentFormOptions {\n    integrations {\n      tools {\n        name\n        description\n        configured\n        detail\n        risk\n      }\n      llmProviders {\n        name\n        provider\n        endpoint\n        configured\n        defaultModel\n        models\n      }\n    }\n  }\n": types.AgentFormOptionsDocument,
    "\n  mutation ChangePassword($currentPassword: String, $newPassword: String!) {\n    setPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation SetPassword($currentPassword: String, $newPassword: String!) {\n    setPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      email\n    }\n  }\n": types.SetPasswordDocument,
    "\n  query ActorNames {\n    users {\n      id\n      email\n    }\n  }\n": types.ActorNamesDocument,
    "\n  query Viewer {\n    me {\n      id\n      email\n      role\n      viaLoginLink\n    }\n  }\n": types.ViewerDocument,
    "\n  query EvaluationItems($id: ID!) {\n    evaluation(id: $id) {\n      id\n      agentVersion\n      score\n      status\n      items {\n        itemId\n        index\n        goal\n        score\n        passed\n        runId\n        costUsd\n        latencyMs\n      }\n    }\n  }\n": types.EvaluationItemsDocument,
    "\n  query EvaluationsWorkspace {\n    datasets {\n      id\n      name\n      description\n      itemCount\n      createdAt\n    }\n    evaluations {\n      id\n      datasetId\n      dataset {\n        name\n      }\n      agentId\n      agent {\n        name\n      }\n      agentVersion\n      status\n      itemCount\n      scoredCount\n      passedCount\n      score\n      costUsd\n      meanLatencyMs\n      startedAt\n    }\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n          version\n        }\n      }\n    }\n  }\n": types.EvaluationsWorkspaceDocument,
    "\n  mutation CreateDataset($input: CreateDatasetInput!) {\n    createDataset(input: $input) {\n      id\n      name\n      itemCount\n    }\n  }\n": types.CreateDatasetDocument,
    "\n  mutation AddDatasetItems($datasetId: ID!, $items: [DatasetItemInput!]!) {\n    addDatasetItems(datasetId: $datasetId, items: $items) {\n      id\n      itemCount\n    }\n  }\n": types.AddDatasetItemsDocument,
    "\n  mutation StartEvaluation($input: StartEvaluationInput!) {\n    startEvaluation(input: $input) {\n      id\n      status\n    }\n  }\n": types.StartEvaluationDocument,
    "\n  fragment AuditVerificationFields on AuditVerification {\n    ok\n    eventsChecked\n    brokenAt {\n      stream\n      revision\n      reason\n    }\n    runId\n    verifiedAt\n    durationMs\n    verifiedBy\n  }\n": types.AuditVerificationFieldsFragmentDoc,
    "\n  query LastAuditVerification {\n    lastAuditVerification {\n      ...AuditVerificationFields\n    }\n  }\n": types.LastAuditVerificationDocument,
    "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      ...AuditVerificationFields\n    }\n  }\n": types.VerifyAuditChainDocument,
    "\n  query AuditExport($filter: AuditLogFilter, $after: String) {\n    auditLog(filter: $filter, first: 200, after: $after) {\n      edges {\n        node {\n          id\n          recordedAt\n          kind\n          actor\n          actorId\n          target\n          clientAddress\n          userAgent\n          runId\n          agentId\n          step\n          tool\n          risk\n          decision\n          reasons\n          policyId\n          policyVersion\n          comment\n          data\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditExportDocument,
    "\n  query AuditLog($after: String, $filter: AuditLogFilter) {\n    auditLog(first: 25, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          recordedAt\n          actor\n          target\n          clientAddress\n          userAgent\n          runId\n          step\n          tool\n          risk\n          decision\n          reasons\n          policyId\n          policyVersion\n          comment\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query BacktestPolicy($input: BacktestPolicyInput!) {\n    backtestPolicy(input: $input) {\n      runsEvaluated\n      callsEvaluated\n      changedCalls\n      calls(first: 200, changedOnly: true) {\n        edges {\n          node {\n            runId\n            step\n            revision\n            tool\n            recordedDecision\n            draftDecision\n            recordedRisk\n            draftRisk\n            reasons\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.BacktestPolicyDocument,
    "\n  mutation CreatePolicy($input: CreatePolicyInput!) {\n    createPolicy(input: $input) {\n      ...PolicyFields\n    }\n  }\n": types.CreatePolicyDocument,
    "\n  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {\n    updatePolicy(id: $id, input: $input) {\n      ...PolicyFields\n    }\n  }\n": types.UpdatePolicyDocument,
    "\n  fragment PolicyFields on Policy {\n    id\n    name\n    description\n    version\n    archived\n    rules\n    versions {\n      version\n      rules\n      description\n      changedBy\n      changedAt\n      note\n    }\n  }\n": types.PolicyFieldsFragmentDoc,
    "\n  fragment HitlCardFields on HitlRequest {\n    id\n    status\n    tool\n    params\n    risk\n    reasons\n    step\n    runId\n    agentId\n    requestedAt\n    expiresAt\n    onExpiry\n    decidedAt\n    decidedBy\n    comment\n    editedParams\n    escalated\n    escalatedTo\n    runEnded\n    run {\n      id\n      goal\n      agent {\n        id\n        name\n      }\n    }\n  }\n": types.HitlCardFieldsFragmentDoc,
    "\n  mutation ApproveHitlRequest($id: ID!, $comment: String, $editedParams: JSON) {\n    approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) {\n      ...HitlCardFields\n    }\n  }\n": types.ApproveHitlRequestDocument,
    "\n  mutation RejectHitlRequest($id: ID!, $comment: String) {\n    rejectHitlRequest(id: $id, comment: $comment) {\n      ...HitlCardFields\n    }\n  }\n": types.RejectHitlRequestDocument,
    "\n  subscription HitlLive {\n    hitlUpdated {\n      ...HitlCardFields\n    }\n  }\n": types.HitlLiveDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      createdBy\n      createdAt\n      revokedAt\n      expiresAt\n      lastUsedAt\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($name: String!, $role: Role, $expiresAt: DateTime) {\n    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {\n      token\n      apiToken {\n        id\n        name\n        role\n        createdBy\n        createdAt\n        revokedAt\n        expiresAt\n        lastUsedAt\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query Integrations {\n    integrations {\n      embedder\n      llmProviders {\n        name\n        provider\n        endpoint\n        configured\n        detail\n        baseUrl\n        defaultModel\n        models\n      }\n      tools {\n        name\n        description\n        configured\n        detail\n        source\n        risk\n      }\n      mcpServers {\n        name\n        transport\n        target\n        connected\n        tools\n        error\n      }\n      smtp {\n        mode\n        configured\n        host\n        from\n      }\n    }\n  }\n": types.IntegrationsDocument,
    "\n  mutation TestLlmProvider($provider: LlmProvider!, $endpoint: String) {\n    testLlmProvider(provider: $provider, endpoint: $endpoint) {\n      ok\n      latencyMs\n      message\n      model\n    }\n  }\n": types.TestLlmProviderDocument,
    "\n  mutation CreateNotificationChannel($input: CreateNotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      id\n      name\n      secretSet\n    }\n  }\n": types.CreateNotificationChannelDocument,
    "\n  query NotificationChannels {\n    notificationChannels {\n      id\n      kind\n      name\n      url\n      to\n      events\n      secretSet\n      enabled\n      createdAt\n      lastDelivery {\n        id\n        status\n        attempts\n        responseCode\n        createdAt\n      }\n    }\n  }\n": types.NotificationChannelsDocument,
    "\n  query NotificationDeliveries($id: ID!) {\n    notificationChannel(id: $id) {\n      id\n      deliveries(first: 50) {\n        id\n        event\n        status\n        attempts\n        responseCode\n        lastError\n        createdAt\n        lastAttemptAt\n        nextAttemptAt\n        deliveredAt\n      }\n    }\n  }\n": types.NotificationDeliveriesDocument,
    "\n  mutation TestNotificationChannel($id: ID!) {\n    testNotificationChannel(id: $id) {\n      ok\n      responseCode\n      message\n      latencyMs\n    }\n  }\n": types.TestNotificationChannelDocument,
    "\n  mutation SetNotificationChannelEnabled($id: ID!, $enabled: Boolean!) {\n    setNotificationChannelEnabled(id: $id, enabled: $enabled) {\n      id\n      enabled\n    }\n  }\n": types.SetNotificationChannelEnabledDocument,
    "\n  mutation DeleteNotificationChannel($id: ID!) {\n    deleteNotificationChannel(id: $id)\n  }\n": types.DeleteNotificationChannelDocument,
    "\n  query Outbox($after: String) {\n    outbox(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          subject\n          to\n          body\n          createdAt\n          runId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.OutboxDocument,
    "\n  query Users {\n    users {\n      id\n      email\n      role\n      createdAt\n      active\n    }\n  }\n": types.UsersDocument,
    "\n  mutation ChangeUserRole($id: ID!, $role: Role!) {\n    changeUserRole(id: $id, role: $role) {\n      id\n      role\n    }\n  }\n": types.ChangeUserRoleDocument,
    "\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n": types.DeactivateUserDocument,
    "\n  mutation ReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n": types.ReactivateUserDocument,
    "\n  mutation RemoveUser($id: ID!) {\n    removeUser(id: $id) {\n      id\n    }\n  }\n": types.RemoveUserDocument,
    "\n  mutation CreateUser($email: String!, $password: String!, $role: Role!) {\n    createUser(email: $email, password: $password, role: $role) {\n      id\n      email\n      role\n      createdAt\n    }\n  }\n": types.CreateUserDocument,
    "\n  query DatasetChoices {\n    datasets {\n      id\n      name\n      itemCount\n    }\n  }\n": types.DatasetChoicesDocument,
    "\n  mutation AddRunToDataset($datasetId: ID!, $items: [DatasetItemInput!]!) {\n    addDatasetItems(datasetId: $datasetId, items: $items) {\n      id\n      name\n      itemCount\n    }\n  }\n": types.AddRunToDatasetDocument,
    "\n  query RunMemories($runId: ID!) {\n    run(id: $runId) {\n      id\n      metrics {\n        steps\n      }\n      memories {\n        id\n        kind\n        step\n        text\n        embeddingModel\n        createdAt\n      }\n    }\n  }\n": types.RunMemoriesDocument,
    "\n  query SearchMemories($agentId: ID!, $query: String!, $limit: Int) {\n    searchMemories(agentId: $agentId, query: $query, limit: $limit) {\n      id\n      kind\n      step\n      runId\n      text\n      distance\n      embeddingModel\n    }\n  }\n": types.SearchMemoriesDocument,
    "\n  query MemoriesAtStep($runId: ID!, $step: Int!) {\n    run(id: $runId) {\n      id\n      memoriesAt(step: $step) {\n        id\n        score\n        kind\n        text\n        runId\n        step\n      }\n    }\n  }\n": types.MemoriesAtStepDocument,
    "\n  subscription RunThoughtLive($runId: ID!) {\n    runThoughtDelta(runId: $runId) {\n      step\n      attempt\n      text\n    }\n  }\n": types.RunThoughtLiveDocument,
    "\n  query ReplayRun($runId: ID!) {\n    replayRun(runId: $runId) {\n      runId\n      matched\n      decisionsCompared\n      firstDivergence {\n        revision\n        step\n        expected\n        actual\n      }\n    }\n  }\n": types.ReplayRunDocument,
    "\n  mutation CancelRun($id: ID!, $reason: String) {\n    cancelRun(id: $id, reason: $reason) {\n      id\n      status\n      finishedAt\n    }\n  }\n": types.CancelRunDocument,
    "\n  mutation ForkRun($runId: ID!, $atRevision: Int!, $overrides: ForkOverrides) {\n    forkRun(runId: $runId, atRevision: $atRevision, overrides: $overrides) {\n      id\n    }\n  }\n": types.ForkRunDocument,
    "\n  query CompareCandidates($agentId: ID!) {\n    runs(filter: { agentId: $agentId }, first: 50) {\n      edges {\n        node {\n          id\n          goal\n          status\n          startedAt\n          forkedFrom {\n            runId\n          }\n        }\n      }\n    }\n  }\n": types.CompareCandidatesDocument,
    "\n  query RunDiff($a: ID!, $b: ID!) {\n    runDiff(a: $a, b: $b) {\n      a\n      b\n      differingSteps\n      steps {\n        step\n        kind\n        changes\n        inherited\n        a {\n          ...RunDiffStepFields\n        }\n        b {\n          ...RunDiffStepFields\n        }\n      }\n    }\n  }\n  fragment RunDiffStepFields on RunStep {\n    step\n    status\n    kind\n    thought\n    tool\n    paramsSummary\n    inputTokens\n    outputTokens\n    costUsd\n    latencyMs\n    startedAt\n    lastRevision\n  }\n": types.RunDiffDocument,
    "\n  query RunPage($id: ID!) {\n    run(id: $id) {\n      ...RunSummaryFields\n      goal\n      agentId\n      agentVersion\n      agent {\n        id\n        name\n      }\n      forkedFrom {\n        runId\n        atRevision\n      }\n      hitlRequests {\n        ...HitlCardFields\n      }\n    }\n  }\n": types.RunPageDocument,
    "\n  fragment RunStepRowFields on RunStep {\n    step\n    status\n    kind\n    thought\n    tool\n    paramsSummary\n    risk\n    decision\n    inputTokens\n    outputTokens\n    costUsd\n    latencyMs\n    startedAt\n    finishedAt\n    durationMs\n    lastRevision\n  }\n": types.RunStepRowFieldsFragmentDoc,
    "\n  query RunStepsPage($runId: ID!, $first: Int!, $after: String) {\n    run(id: $runId) {\n      id\n      steps(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            ...RunStepRowFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.RunStepsPageDocument,
    "\n  fragment RunSummaryFields on Run {\n    id\n    status\n    startedAt\n    finishedAt\n    updatedAt\n    lastRevision\n    lastPosition\n    output\n    error {\n      code\n      message\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n": types.RunSummaryFieldsFragmentDoc,
    "\n  query RunsExplorer($filter: RunFilter, $sort: RunSort, $after: String) {\n    runs(filter: $filter, sort: $sort, first: 25, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RunsExplorerDocument,
    "\n  query RunsExplorerAgents {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.RunsExplorerAgentsDocument,
    "\n  fragment RunExportRow on Run {\n    id\n    status\n    agentId\n    agentVersion\n    goal\n    startedAt\n    finishedAt\n    output\n    error {\n      message\n      code\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n": types.RunExportRowFragmentDoc,
    "\n  query RunsExport($filter: RunFilter, $sort: RunSort, $after: String) {\n    runs(filter: $filter, sort: $sort, first: 200, after: $after) {\n      edges {\n        node {\n          ...RunExportRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RunsExportDocument,
    "\n  query RunsPage($filter: RunFilter, $after: String) {\n    runs(filter: $filter, first: 15, after: $after) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.RunsPageDocument,
    "\n  fragment RunRowFields on Run {\n    id\n    status\n    goal\n    agentId\n    agent {\n      id\n      name\n    }\n    startedAt\n    finishedAt\n    updatedAt\n    error {\n      message\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n": types.RunRowFieldsFragmentDoc,
    "\n  query RunAnnotations($runId: ID!) {\n    run(id: $runId) {\n      id\n      annotations {\n        id\n        step\n        label\n        score\n        comment\n        by\n        createdAt\n      }\n    }\n  }\n": types.RunAnnotationsDocument,
    "\n  mutation AnnotateStep($input: AnnotateStepInput!) {\n    annotateStep(input: $input) {\n      id\n      step\n      label\n      score\n      comment\n      by\n      createdAt\n    }\n  }\n": types.AnnotateStepDocument,
    "\n  query RunStepEvents($runId: ID!, $step: Int!) {\n    run(id: $runId) {\n      id\n      stepEvents(step: $step) {\n        id\n        position\n        revision\n        type\n        data\n        recordedAt\n      }\n    }\n  }\n": types.RunStepEventsDocument,
    "\n  subscription AnyRunUpdated {\n    runUpdated {\n      ...RunRowFields\n    }\n  }\n": types.AnyRunUpdatedDocument,
    "\n  subscription RunEvents($runId: ID!, $after: String) {\n    runEvents(runId: $runId, after: $after) {\n      position\n      revision\n      type\n      data\n      recordedAt\n    }\n  }\n": types.RunEventsDocument,
    "\n  query RunHistory($runId: ID!, $after: String, $first: Int!) {\n    run(id: $runId) {\n      events(after: $after, first: $first) {\n        edges {\n          node {\n            position\n            revision\n            type\n            data\n            recordedAt\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.RunHistoryDocument,
    "\n  subscription RunStepLive($runId: ID!) {\n    runStepUpdated(runId: $runId) {\n      ...RunStepRowFields\n    }\n  }\n": types.RunStepLiveDocument,
    "\n  query RecentPendingApprovals {\n    hitlRequests(status: PENDING, first: 10) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n  }\n": types.RecentPendingApprovalsDocument,
    "\n  query PendingApprovalCount {\n    hitlRequests(status: PENDING, first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.PendingApprovalCountDocument,
    "\n  query AgentDetail($id: ID!) {\n    agent(id: $id) {\n      ...AgentDetailFields\n    }\n  }\n": types.AgentDetailDocument,
    "\n  mutation ArchiveAgent($id: ID!) {\n    archiveAgent(id: $id) {\n      ...AgentDetailFields\n    }\n  }\n": types.ArchiveAgentDocument,
    "\n  query AgentsList {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n          purpose\n          llmProvider\n          llmModel\n          tools\n          status\n          version\n          updatedAt\n        }\n      }\n    }\n  }\n": types.AgentsListDocument,
    "\n  query DashboardMetrics($today: TimeRange!) {\n    live: metrics {\n      pendingApprovals\n      runsByStatus {\n        status\n        count\n      }\n    }\n    today: metrics(range: $today) {\n      runs\n      inputTokens\n      outputTokens\n      costUsd\n      runsByStatus {\n        status\n        count\n      }\n    }\n  }\n": types.DashboardMetricsDocument,
    "\n  query DashboardLists {\n    pending: hitlRequests(status: PENDING, first: 6) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n    failures: runs(filter: { status: [FAILED] }, first: 5) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n    }\n  }\n": types.DashboardListsDocument,
    "\n  query RecentRuns {\n    runs(first: 10) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n    }\n  }\n": types.RecentRunsDocument,
    "\n  query Policies {\n    policies {\n      ...PolicyFields\n    }\n  }\n": types.PoliciesDocument,
    "\n  query HitlRequests($status: HitlStatus, $first: Int!) {\n    hitlRequests(status: $status, first: $first) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n  }\n": types.HitlRequestsDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      viewer {\n        id\n        email\n        role\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation LoginWithLink($token: String!) {\n    loginWithLink(token: $token) {\n      token\n      viewer {\n        id\n        email\n        role\n      }\n    }\n  }\n": types.LoginWithLinkDocument,
    "\n  query Observability($range: TimeRange, $agentId: ID, $bucket: MetricsBucket) {\n    observability(range: $range, agentId: $agentId, bucket: $bucket) {\n      bucket\n      usage {\n        start\n        model\n        agentId\n        agentName\n        llmCalls\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      stepLatency {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      toolLatency {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      approvalWait {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      runsFinished\n      runsFailed\n      errorRate\n      llmErrors\n    }\n  }\n": types.ObservabilityDocument,
    "\n  query AgentChoices {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.AgentChoicesDocument,
    "\n  subscription RunLive($runId: ID!) {\n    runUpdated(runId: $runId) {\n      ...RunSummaryFields\n    }\n  }\n": types.RunLiveDocument,
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
export function graphql(source: "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      ...AgentDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      ...AgentDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentDetailFields on Agent {\n    id\n    name\n    purpose\n    llmProvider\n    llmEndpoint\n    llmModel\n    temperature\n    tools\n    systemPrompt\n    status\n    version\n    createdAt\n    updatedAt\n    archivedAt\n    policyIds\n    budget {\n      maxSteps\n      maxTokens\n      maxCostUsd\n      maxWallTimeMs\n    }\n    approval {\n      timeoutMs\n      onExpiry\n      escalateTo {\n        role\n        users\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AgentDetailFields on Agent {\n    id\n    name\n    purpose\n    llmProvider\n    llmEndpoint\n    llmModel\n    temperature\n    tools\n    systemPrompt\n    status\n    version\n    createdAt\n    updatedAt\n    archivedAt\n    policyIds\n    budget {\n      maxSteps\n      maxTokens\n      maxCostUsd\n      maxWallTimeMs\n    }\n    approval {\n      timeoutMs\n      onExpiry\n      escalateTo {\n        role\n        users\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentVersions($id: ID!) {\n    agent(id: $id) {\n      id\n      version\n      versions {\n        version\n        changedAt\n        changedBy\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentVersions($id: ID!) {\n    agent(id: $id) {\n      id\n      version\n      versions {\n        version\n        changedAt\n        changedBy\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentVersionDiff($id: ID!, $from: Int!, $to: Int!) {\n    agent(id: $id) {\n      id\n      versionDiff(from: $from, to: $to) {\n        from\n        to\n        changes {\n          field\n          before\n          after\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentVersionDiff($id: ID!, $from: Int!, $to: Int!) {\n    agent(id: $id) {\n      id\n      versionDiff(from: $from, to: $to) {\n        from\n        to\n        changes {\n          field\n          before\n          after\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollbackAgent($input: RollbackAgentInput!) {\n    rollbackAgent(input: $input) {\n      ...AgentDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation RollbackAgent($input: RollbackAgentInput!) {\n    rollbackAgent(input: $input) {\n      ...AgentDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation StartRun($input: StartRunInput!) {\n    startRun(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentFormOptions {\n    integrations {\n      tools {\n        name\n        description\n        configured\n        detail\n        risk\n      }\n      llmProviders {\n        name\n        provider\n        endpoint\n        configured\n        defaultModel\n        models\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentFormOptions {\n    integrations {\n      tools {\n        name\n        description\n        configured\n        detail\n        risk\n      }\n      llmProviders {\n        name\n        provider\n        endpoint\n        configured\n        defaultModel\n        models\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String, $newPassword: String!) {\n    setPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String, $newPassword: String!) {\n    setPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPassword($currentPassword: String, $newPassword: String!) {\n    setPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation SetPassword($currentPassword: String, $newPassword: String!) {\n    setPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActorNames {\n    users {\n      id\n      email\n    }\n  }\n"): (typeof documents)["\n  query ActorNames {\n    users {\n      id\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      email\n      role\n      viaLoginLink\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      email\n      role\n      viaLoginLink\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationItems($id: ID!) {\n    evaluation(id: $id) {\n      id\n      agentVersion\n      score\n      status\n      items {\n        itemId\n        index\n        goal\n        score\n        passed\n        runId\n        costUsd\n        latencyMs\n      }\n    }\n  }\n"): (typeof documents)["\n  query EvaluationItems($id: ID!) {\n    evaluation(id: $id) {\n      id\n      agentVersion\n      score\n      status\n      items {\n        itemId\n        index\n        goal\n        score\n        passed\n        runId\n        costUsd\n        latencyMs\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationsWorkspace {\n    datasets {\n      id\n      name\n      description\n      itemCount\n      createdAt\n    }\n    evaluations {\n      id\n      datasetId\n      dataset {\n        name\n      }\n      agentId\n      agent {\n        name\n      }\n      agentVersion\n      status\n      itemCount\n      scoredCount\n      passedCount\n      score\n      costUsd\n      meanLatencyMs\n      startedAt\n    }\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n          version\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EvaluationsWorkspace {\n    datasets {\n      id\n      name\n      description\n      itemCount\n      createdAt\n    }\n    evaluations {\n      id\n      datasetId\n      dataset {\n        name\n      }\n      agentId\n      agent {\n        name\n      }\n      agentVersion\n      status\n      itemCount\n      scoredCount\n      passedCount\n      score\n      costUsd\n      meanLatencyMs\n      startedAt\n    }\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n          version\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDataset($input: CreateDatasetInput!) {\n    createDataset(input: $input) {\n      id\n      name\n      itemCount\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDataset($input: CreateDatasetInput!) {\n    createDataset(input: $input) {\n      id\n      name\n      itemCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddDatasetItems($datasetId: ID!, $items: [DatasetItemInput!]!) {\n    addDatasetItems(datasetId: $datasetId, items: $items) {\n      id\n      itemCount\n    }\n  }\n"): (typeof documents)["\n  mutation AddDatasetItems($datasetId: ID!, $items: [DatasetItemInput!]!) {\n    addDatasetItems(datasetId: $datasetId, items: $items) {\n      id\n      itemCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartEvaluation($input: StartEvaluationInput!) {\n    startEvaluation(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation StartEvaluation($input: StartEvaluationInput!) {\n    startEvaluation(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditVerificationFields on AuditVerification {\n    ok\n    eventsChecked\n    brokenAt {\n      stream\n      revision\n      reason\n    }\n    runId\n    verifiedAt\n    durationMs\n    verifiedBy\n  }\n"): (typeof documents)["\n  fragment AuditVerificationFields on AuditVerification {\n    ok\n    eventsChecked\n    brokenAt {\n      stream\n      revision\n      reason\n    }\n    runId\n    verifiedAt\n    durationMs\n    verifiedBy\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LastAuditVerification {\n    lastAuditVerification {\n      ...AuditVerificationFields\n    }\n  }\n"): (typeof documents)["\n  query LastAuditVerification {\n    lastAuditVerification {\n      ...AuditVerificationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyAuditChain {\n    verifyAuditChain {\n      ...AuditVerificationFields\n    }\n  }\n"): (typeof documents)["\n  query VerifyAuditChain {\n    verifyAuditChain {\n      ...AuditVerificationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditExport($filter: AuditLogFilter, $after: String) {\n    auditLog(filter: $filter, first: 200, after: $after) {\n      edges {\n        node {\n          id\n          recordedAt\n          kind\n          actor\n          actorId\n          target\n          clientAddress\n          userAgent\n          runId\n          agentId\n          step\n          tool\n          risk\n          decision\n          reasons\n          policyId\n          policyVersion\n          comment\n          data\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditExport($filter: AuditLogFilter, $after: String) {\n    auditLog(filter: $filter, first: 200, after: $after) {\n      edges {\n        node {\n          id\n          recordedAt\n          kind\n          actor\n          actorId\n          target\n          clientAddress\n          userAgent\n          runId\n          agentId\n          step\n          tool\n          risk\n          decision\n          reasons\n          policyId\n          policyVersion\n          comment\n          data\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($after: String, $filter: AuditLogFilter) {\n    auditLog(first: 25, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          recordedAt\n          actor\n          target\n          clientAddress\n          userAgent\n          runId\n          step\n          tool\n          risk\n          decision\n          reasons\n          policyId\n          policyVersion\n          comment\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($after: String, $filter: AuditLogFilter) {\n    auditLog(first: 25, after: $after, filter: $filter) {\n      edges {\n        node {\n          id\n          kind\n          recordedAt\n          actor\n          target\n          clientAddress\n          userAgent\n          runId\n          step\n          tool\n          risk\n          decision\n          reasons\n          policyId\n          policyVersion\n          comment\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BacktestPolicy($input: BacktestPolicyInput!) {\n    backtestPolicy(input: $input) {\n      runsEvaluated\n      callsEvaluated\n      changedCalls\n      calls(first: 200, changedOnly: true) {\n        edges {\n          node {\n            runId\n            step\n            revision\n            tool\n            recordedDecision\n            draftDecision\n            recordedRisk\n            draftRisk\n            reasons\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BacktestPolicy($input: BacktestPolicyInput!) {\n    backtestPolicy(input: $input) {\n      runsEvaluated\n      callsEvaluated\n      changedCalls\n      calls(first: 200, changedOnly: true) {\n        edges {\n          node {\n            runId\n            step\n            revision\n            tool\n            recordedDecision\n            draftDecision\n            recordedRisk\n            draftRisk\n            reasons\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePolicy($input: CreatePolicyInput!) {\n    createPolicy(input: $input) {\n      ...PolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePolicy($input: CreatePolicyInput!) {\n    createPolicy(input: $input) {\n      ...PolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {\n    updatePolicy(id: $id, input: $input) {\n      ...PolicyFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {\n    updatePolicy(id: $id, input: $input) {\n      ...PolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PolicyFields on Policy {\n    id\n    name\n    description\n    version\n    archived\n    rules\n    versions {\n      version\n      rules\n      description\n      changedBy\n      changedAt\n      note\n    }\n  }\n"): (typeof documents)["\n  fragment PolicyFields on Policy {\n    id\n    name\n    description\n    version\n    archived\n    rules\n    versions {\n      version\n      rules\n      description\n      changedBy\n      changedAt\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HitlCardFields on HitlRequest {\n    id\n    status\n    tool\n    params\n    risk\n    reasons\n    step\n    runId\n    agentId\n    requestedAt\n    expiresAt\n    onExpiry\n    decidedAt\n    decidedBy\n    comment\n    editedParams\n    escalated\n    escalatedTo\n    runEnded\n    run {\n      id\n      goal\n      agent {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment HitlCardFields on HitlRequest {\n    id\n    status\n    tool\n    params\n    risk\n    reasons\n    step\n    runId\n    agentId\n    requestedAt\n    expiresAt\n    onExpiry\n    decidedAt\n    decidedBy\n    comment\n    editedParams\n    escalated\n    escalatedTo\n    runEnded\n    run {\n      id\n      goal\n      agent {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveHitlRequest($id: ID!, $comment: String, $editedParams: JSON) {\n    approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) {\n      ...HitlCardFields\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveHitlRequest($id: ID!, $comment: String, $editedParams: JSON) {\n    approveHitlRequest(id: $id, comment: $comment, editedParams: $editedParams) {\n      ...HitlCardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectHitlRequest($id: ID!, $comment: String) {\n    rejectHitlRequest(id: $id, comment: $comment) {\n      ...HitlCardFields\n    }\n  }\n"): (typeof documents)["\n  mutation RejectHitlRequest($id: ID!, $comment: String) {\n    rejectHitlRequest(id: $id, comment: $comment) {\n      ...HitlCardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription HitlLive {\n    hitlUpdated {\n      ...HitlCardFields\n    }\n  }\n"): (typeof documents)["\n  subscription HitlLive {\n    hitlUpdated {\n      ...HitlCardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      createdBy\n      createdAt\n      revokedAt\n      expiresAt\n      lastUsedAt\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      role\n      createdBy\n      createdAt\n      revokedAt\n      expiresAt\n      lastUsedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($name: String!, $role: Role, $expiresAt: DateTime) {\n    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {\n      token\n      apiToken {\n        id\n        name\n        role\n        createdBy\n        createdAt\n        revokedAt\n        expiresAt\n        lastUsedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($name: String!, $role: Role, $expiresAt: DateTime) {\n    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {\n      token\n      apiToken {\n        id\n        name\n        role\n        createdBy\n        createdAt\n        revokedAt\n        expiresAt\n        lastUsedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Integrations {\n    integrations {\n      embedder\n      llmProviders {\n        name\n        provider\n        endpoint\n        configured\n        detail\n        baseUrl\n        defaultModel\n        models\n      }\n      tools {\n        name\n        description\n        configured\n        detail\n        source\n        risk\n      }\n      mcpServers {\n        name\n        transport\n        target\n        connected\n        tools\n        error\n      }\n      smtp {\n        mode\n        configured\n        host\n        from\n      }\n    }\n  }\n"): (typeof documents)["\n  query Integrations {\n    integrations {\n      embedder\n      llmProviders {\n        name\n        provider\n        endpoint\n        configured\n        detail\n        baseUrl\n        defaultModel\n        models\n      }\n      tools {\n        name\n        description\n        configured\n        detail\n        source\n        risk\n      }\n      mcpServers {\n        name\n        transport\n        target\n        connected\n        tools\n        error\n      }\n      smtp {\n        mode\n        configured\n        host\n        from\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestLlmProvider($provider: LlmProvider!, $endpoint: String) {\n    testLlmProvider(provider: $provider, endpoint: $endpoint) {\n      ok\n      latencyMs\n      message\n      model\n    }\n  }\n"): (typeof documents)["\n  mutation TestLlmProvider($provider: LlmProvider!, $endpoint: String) {\n    testLlmProvider(provider: $provider, endpoint: $endpoint) {\n      ok\n      latencyMs\n      message\n      model\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateNotificationChannel($input: CreateNotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      id\n      name\n      secretSet\n    }\n  }\n"): (typeof documents)["\n  mutation CreateNotificationChannel($input: CreateNotificationChannelInput!) {\n    createNotificationChannel(input: $input) {\n      id\n      name\n      secretSet\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationChannels {\n    notificationChannels {\n      id\n      kind\n      name\n      url\n      to\n      events\n      secretSet\n      enabled\n      createdAt\n      lastDelivery {\n        id\n        status\n        attempts\n        responseCode\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationChannels {\n    notificationChannels {\n      id\n      kind\n      name\n      url\n      to\n      events\n      secretSet\n      enabled\n      createdAt\n      lastDelivery {\n        id\n        status\n        attempts\n        responseCode\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationDeliveries($id: ID!) {\n    notificationChannel(id: $id) {\n      id\n      deliveries(first: 50) {\n        id\n        event\n        status\n        attempts\n        responseCode\n        lastError\n        createdAt\n        lastAttemptAt\n        nextAttemptAt\n        deliveredAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationDeliveries($id: ID!) {\n    notificationChannel(id: $id) {\n      id\n      deliveries(first: 50) {\n        id\n        event\n        status\n        attempts\n        responseCode\n        lastError\n        createdAt\n        lastAttemptAt\n        nextAttemptAt\n        deliveredAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestNotificationChannel($id: ID!) {\n    testNotificationChannel(id: $id) {\n      ok\n      responseCode\n      message\n      latencyMs\n    }\n  }\n"): (typeof documents)["\n  mutation TestNotificationChannel($id: ID!) {\n    testNotificationChannel(id: $id) {\n      ok\n      responseCode\n      message\n      latencyMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNotificationChannelEnabled($id: ID!, $enabled: Boolean!) {\n    setNotificationChannelEnabled(id: $id, enabled: $enabled) {\n      id\n      enabled\n    }\n  }\n"): (typeof documents)["\n  mutation SetNotificationChannelEnabled($id: ID!, $enabled: Boolean!) {\n    setNotificationChannelEnabled(id: $id, enabled: $enabled) {\n      id\n      enabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteNotificationChannel($id: ID!) {\n    deleteNotificationChannel(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteNotificationChannel($id: ID!) {\n    deleteNotificationChannel(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Outbox($after: String) {\n    outbox(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          subject\n          to\n          body\n          createdAt\n          runId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Outbox($after: String) {\n    outbox(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          subject\n          to\n          body\n          createdAt\n          runId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users {\n    users {\n      id\n      email\n      role\n      createdAt\n      active\n    }\n  }\n"): (typeof documents)["\n  query Users {\n    users {\n      id\n      email\n      role\n      createdAt\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeUserRole($id: ID!, $role: Role!) {\n    changeUserRole(id: $id, role: $role) {\n      id\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeUserRole($id: ID!, $role: Role!) {\n    changeUserRole(id: $id, role: $role) {\n      id\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation ReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveUser($id: ID!) {\n    removeUser(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveUser($id: ID!) {\n    removeUser(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($email: String!, $password: String!, $role: Role!) {\n    createUser(email: $email, password: $password, role: $role) {\n      id\n      email\n      role\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($email: String!, $password: String!, $role: Role!) {\n    createUser(email: $email, password: $password, role: $role) {\n      id\n      email\n      role\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetChoices {\n    datasets {\n      id\n      name\n      itemCount\n    }\n  }\n"): (typeof documents)["\n  query DatasetChoices {\n    datasets {\n      id\n      name\n      itemCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddRunToDataset($datasetId: ID!, $items: [DatasetItemInput!]!) {\n    addDatasetItems(datasetId: $datasetId, items: $items) {\n      id\n      name\n      itemCount\n    }\n  }\n"): (typeof documents)["\n  mutation AddRunToDataset($datasetId: ID!, $items: [DatasetItemInput!]!) {\n    addDatasetItems(datasetId: $datasetId, items: $items) {\n      id\n      name\n      itemCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunMemories($runId: ID!) {\n    run(id: $runId) {\n      id\n      metrics {\n        steps\n      }\n      memories {\n        id\n        kind\n        step\n        text\n        embeddingModel\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunMemories($runId: ID!) {\n    run(id: $runId) {\n      id\n      metrics {\n        steps\n      }\n      memories {\n        id\n        kind\n        step\n        text\n        embeddingModel\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchMemories($agentId: ID!, $query: String!, $limit: Int) {\n    searchMemories(agentId: $agentId, query: $query, limit: $limit) {\n      id\n      kind\n      step\n      runId\n      text\n      distance\n      embeddingModel\n    }\n  }\n"): (typeof documents)["\n  query SearchMemories($agentId: ID!, $query: String!, $limit: Int) {\n    searchMemories(agentId: $agentId, query: $query, limit: $limit) {\n      id\n      kind\n      step\n      runId\n      text\n      distance\n      embeddingModel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemoriesAtStep($runId: ID!, $step: Int!) {\n    run(id: $runId) {\n      id\n      memoriesAt(step: $step) {\n        id\n        score\n        kind\n        text\n        runId\n        step\n      }\n    }\n  }\n"): (typeof documents)["\n  query MemoriesAtStep($runId: ID!, $step: Int!) {\n    run(id: $runId) {\n      id\n      memoriesAt(step: $step) {\n        id\n        score\n        kind\n        text\n        runId\n        step\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunThoughtLive($runId: ID!) {\n    runThoughtDelta(runId: $runId) {\n      step\n      attempt\n      text\n    }\n  }\n"): (typeof documents)["\n  subscription RunThoughtLive($runId: ID!) {\n    runThoughtDelta(runId: $runId) {\n      step\n      attempt\n      text\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReplayRun($runId: ID!) {\n    replayRun(runId: $runId) {\n      runId\n      matched\n      decisionsCompared\n      firstDivergence {\n        revision\n        step\n        expected\n        actual\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReplayRun($runId: ID!) {\n    replayRun(runId: $runId) {\n      runId\n      matched\n      decisionsCompared\n      firstDivergence {\n        revision\n        step\n        expected\n        actual\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRun($id: ID!, $reason: String) {\n    cancelRun(id: $id, reason: $reason) {\n      id\n      status\n      finishedAt\n    }\n  }\n"): (typeof documents)["\n  mutation CancelRun($id: ID!, $reason: String) {\n    cancelRun(id: $id, reason: $reason) {\n      id\n      status\n      finishedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForkRun($runId: ID!, $atRevision: Int!, $overrides: ForkOverrides) {\n    forkRun(runId: $runId, atRevision: $atRevision, overrides: $overrides) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ForkRun($runId: ID!, $atRevision: Int!, $overrides: ForkOverrides) {\n    forkRun(runId: $runId, atRevision: $atRevision, overrides: $overrides) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompareCandidates($agentId: ID!) {\n    runs(filter: { agentId: $agentId }, first: 50) {\n      edges {\n        node {\n          id\n          goal\n          status\n          startedAt\n          forkedFrom {\n            runId\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompareCandidates($agentId: ID!) {\n    runs(filter: { agentId: $agentId }, first: 50) {\n      edges {\n        node {\n          id\n          goal\n          status\n          startedAt\n          forkedFrom {\n            runId\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunDiff($a: ID!, $b: ID!) {\n    runDiff(a: $a, b: $b) {\n      a\n      b\n      differingSteps\n      steps {\n        step\n        kind\n        changes\n        inherited\n        a {\n          ...RunDiffStepFields\n        }\n        b {\n          ...RunDiffStepFields\n        }\n      }\n    }\n  }\n  fragment RunDiffStepFields on RunStep {\n    step\n    status\n    kind\n    thought\n    tool\n    paramsSummary\n    inputTokens\n    outputTokens\n    costUsd\n    latencyMs\n    startedAt\n    lastRevision\n  }\n"): (typeof documents)["\n  query RunDiff($a: ID!, $b: ID!) {\n    runDiff(a: $a, b: $b) {\n      a\n      b\n      differingSteps\n      steps {\n        step\n        kind\n        changes\n        inherited\n        a {\n          ...RunDiffStepFields\n        }\n        b {\n          ...RunDiffStepFields\n        }\n      }\n    }\n  }\n  fragment RunDiffStepFields on RunStep {\n    step\n    status\n    kind\n    thought\n    tool\n    paramsSummary\n    inputTokens\n    outputTokens\n    costUsd\n    latencyMs\n    startedAt\n    lastRevision\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunPage($id: ID!) {\n    run(id: $id) {\n      ...RunSummaryFields\n      goal\n      agentId\n      agentVersion\n      agent {\n        id\n        name\n      }\n      forkedFrom {\n        runId\n        atRevision\n      }\n      hitlRequests {\n        ...HitlCardFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunPage($id: ID!) {\n    run(id: $id) {\n      ...RunSummaryFields\n      goal\n      agentId\n      agentVersion\n      agent {\n        id\n        name\n      }\n      forkedFrom {\n        runId\n        atRevision\n      }\n      hitlRequests {\n        ...HitlCardFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunStepRowFields on RunStep {\n    step\n    status\n    kind\n    thought\n    tool\n    paramsSummary\n    risk\n    decision\n    inputTokens\n    outputTokens\n    costUsd\n    latencyMs\n    startedAt\n    finishedAt\n    durationMs\n    lastRevision\n  }\n"): (typeof documents)["\n  fragment RunStepRowFields on RunStep {\n    step\n    status\n    kind\n    thought\n    tool\n    paramsSummary\n    risk\n    decision\n    inputTokens\n    outputTokens\n    costUsd\n    latencyMs\n    startedAt\n    finishedAt\n    durationMs\n    lastRevision\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunStepsPage($runId: ID!, $first: Int!, $after: String) {\n    run(id: $runId) {\n      id\n      steps(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            ...RunStepRowFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunStepsPage($runId: ID!, $first: Int!, $after: String) {\n    run(id: $runId) {\n      id\n      steps(first: $first, after: $after) {\n        totalCount\n        edges {\n          node {\n            ...RunStepRowFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunSummaryFields on Run {\n    id\n    status\n    startedAt\n    finishedAt\n    updatedAt\n    lastRevision\n    lastPosition\n    output\n    error {\n      code\n      message\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n"): (typeof documents)["\n  fragment RunSummaryFields on Run {\n    id\n    status\n    startedAt\n    finishedAt\n    updatedAt\n    lastRevision\n    lastPosition\n    output\n    error {\n      code\n      message\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsExplorer($filter: RunFilter, $sort: RunSort, $after: String) {\n    runs(filter: $filter, sort: $sort, first: 25, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunsExplorer($filter: RunFilter, $sort: RunSort, $after: String) {\n    runs(filter: $filter, sort: $sort, first: 25, after: $after) {\n      totalCount\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsExplorerAgents {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunsExplorerAgents {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunExportRow on Run {\n    id\n    status\n    agentId\n    agentVersion\n    goal\n    startedAt\n    finishedAt\n    output\n    error {\n      message\n      code\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n"): (typeof documents)["\n  fragment RunExportRow on Run {\n    id\n    status\n    agentId\n    agentVersion\n    goal\n    startedAt\n    finishedAt\n    output\n    error {\n      message\n      code\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsExport($filter: RunFilter, $sort: RunSort, $after: String) {\n    runs(filter: $filter, sort: $sort, first: 200, after: $after) {\n      edges {\n        node {\n          ...RunExportRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunsExport($filter: RunFilter, $sort: RunSort, $after: String) {\n    runs(filter: $filter, sort: $sort, first: 200, after: $after) {\n      edges {\n        node {\n          ...RunExportRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsPage($filter: RunFilter, $after: String) {\n    runs(filter: $filter, first: 15, after: $after) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunsPage($filter: RunFilter, $after: String) {\n    runs(filter: $filter, first: 15, after: $after) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunRowFields on Run {\n    id\n    status\n    goal\n    agentId\n    agent {\n      id\n      name\n    }\n    startedAt\n    finishedAt\n    updatedAt\n    error {\n      message\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n"): (typeof documents)["\n  fragment RunRowFields on Run {\n    id\n    status\n    goal\n    agentId\n    agent {\n      id\n      name\n    }\n    startedAt\n    finishedAt\n    updatedAt\n    error {\n      message\n    }\n    metrics {\n      steps\n      inputTokens\n      outputTokens\n      costUsd\n      durationMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunAnnotations($runId: ID!) {\n    run(id: $runId) {\n      id\n      annotations {\n        id\n        step\n        label\n        score\n        comment\n        by\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunAnnotations($runId: ID!) {\n    run(id: $runId) {\n      id\n      annotations {\n        id\n        step\n        label\n        score\n        comment\n        by\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnnotateStep($input: AnnotateStepInput!) {\n    annotateStep(input: $input) {\n      id\n      step\n      label\n      score\n      comment\n      by\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation AnnotateStep($input: AnnotateStepInput!) {\n    annotateStep(input: $input) {\n      id\n      step\n      label\n      score\n      comment\n      by\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunStepEvents($runId: ID!, $step: Int!) {\n    run(id: $runId) {\n      id\n      stepEvents(step: $step) {\n        id\n        position\n        revision\n        type\n        data\n        recordedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunStepEvents($runId: ID!, $step: Int!) {\n    run(id: $runId) {\n      id\n      stepEvents(step: $step) {\n        id\n        position\n        revision\n        type\n        data\n        recordedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AnyRunUpdated {\n    runUpdated {\n      ...RunRowFields\n    }\n  }\n"): (typeof documents)["\n  subscription AnyRunUpdated {\n    runUpdated {\n      ...RunRowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunEvents($runId: ID!, $after: String) {\n    runEvents(runId: $runId, after: $after) {\n      position\n      revision\n      type\n      data\n      recordedAt\n    }\n  }\n"): (typeof documents)["\n  subscription RunEvents($runId: ID!, $after: String) {\n    runEvents(runId: $runId, after: $after) {\n      position\n      revision\n      type\n      data\n      recordedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunHistory($runId: ID!, $after: String, $first: Int!) {\n    run(id: $runId) {\n      events(after: $after, first: $first) {\n        edges {\n          node {\n            position\n            revision\n            type\n            data\n            recordedAt\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunHistory($runId: ID!, $after: String, $first: Int!) {\n    run(id: $runId) {\n      events(after: $after, first: $first) {\n        edges {\n          node {\n            position\n            revision\n            type\n            data\n            recordedAt\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunStepLive($runId: ID!) {\n    runStepUpdated(runId: $runId) {\n      ...RunStepRowFields\n    }\n  }\n"): (typeof documents)["\n  subscription RunStepLive($runId: ID!) {\n    runStepUpdated(runId: $runId) {\n      ...RunStepRowFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentPendingApprovals {\n    hitlRequests(status: PENDING, first: 10) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecentPendingApprovals {\n    hitlRequests(status: PENDING, first: 10) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingApprovalCount {\n    hitlRequests(status: PENDING, first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query PendingApprovalCount {\n    hitlRequests(status: PENDING, first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentDetail($id: ID!) {\n    agent(id: $id) {\n      ...AgentDetailFields\n    }\n  }\n"): (typeof documents)["\n  query AgentDetail($id: ID!) {\n    agent(id: $id) {\n      ...AgentDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveAgent($id: ID!) {\n    archiveAgent(id: $id) {\n      ...AgentDetailFields\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveAgent($id: ID!) {\n    archiveAgent(id: $id) {\n      ...AgentDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentsList {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n          purpose\n          llmProvider\n          llmModel\n          tools\n          status\n          version\n          updatedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentsList {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n          purpose\n          llmProvider\n          llmModel\n          tools\n          status\n          version\n          updatedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMetrics($today: TimeRange!) {\n    live: metrics {\n      pendingApprovals\n      runsByStatus {\n        status\n        count\n      }\n    }\n    today: metrics(range: $today) {\n      runs\n      inputTokens\n      outputTokens\n      costUsd\n      runsByStatus {\n        status\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardMetrics($today: TimeRange!) {\n    live: metrics {\n      pendingApprovals\n      runsByStatus {\n        status\n        count\n      }\n    }\n    today: metrics(range: $today) {\n      runs\n      inputTokens\n      outputTokens\n      costUsd\n      runsByStatus {\n        status\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardLists {\n    pending: hitlRequests(status: PENDING, first: 6) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n    failures: runs(filter: { status: [FAILED] }, first: 5) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardLists {\n    pending: hitlRequests(status: PENDING, first: 6) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n    failures: runs(filter: { status: [FAILED] }, first: 5) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentRuns {\n    runs(first: 10) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecentRuns {\n    runs(first: 10) {\n      edges {\n        node {\n          ...RunRowFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Policies {\n    policies {\n      ...PolicyFields\n    }\n  }\n"): (typeof documents)["\n  query Policies {\n    policies {\n      ...PolicyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HitlRequests($status: HitlStatus, $first: Int!) {\n    hitlRequests(status: $status, first: $first) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HitlRequests($status: HitlStatus, $first: Int!) {\n    hitlRequests(status: $status, first: $first) {\n      edges {\n        node {\n          ...HitlCardFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      viewer {\n        id\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      viewer {\n        id\n        email\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoginWithLink($token: String!) {\n    loginWithLink(token: $token) {\n      token\n      viewer {\n        id\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LoginWithLink($token: String!) {\n    loginWithLink(token: $token) {\n      token\n      viewer {\n        id\n        email\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Observability($range: TimeRange, $agentId: ID, $bucket: MetricsBucket) {\n    observability(range: $range, agentId: $agentId, bucket: $bucket) {\n      bucket\n      usage {\n        start\n        model\n        agentId\n        agentName\n        llmCalls\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      stepLatency {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      toolLatency {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      approvalWait {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      runsFinished\n      runsFailed\n      errorRate\n      llmErrors\n    }\n  }\n"): (typeof documents)["\n  query Observability($range: TimeRange, $agentId: ID, $bucket: MetricsBucket) {\n    observability(range: $range, agentId: $agentId, bucket: $bucket) {\n      bucket\n      usage {\n        start\n        model\n        agentId\n        agentName\n        llmCalls\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      stepLatency {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      toolLatency {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      approvalWait {\n        count\n        p50\n        p95\n        p99\n        max\n      }\n      runsFinished\n      runsFailed\n      errorRate\n      llmErrors\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentChoices {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentChoices {\n    agents(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunLive($runId: ID!) {\n    runUpdated(runId: $runId) {\n      ...RunSummaryFields\n    }\n  }\n"): (typeof documents)["\n  subscription RunLive($runId: ID!) {\n    runUpdated(runId: $runId) {\n      ...RunSummaryFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;