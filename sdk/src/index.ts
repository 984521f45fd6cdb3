// @spark-ops/sdk: a typed client for the Spark-Ops API.
export {
  type Agent,
  type AgentStatus,
  type Approval,
  type CreateAgentInput,
  createSparkOpsClient,
  type Page,
  type Run,
  type RunEvent,
  type RunStatus,
  type RunStep,
  type SparkOpsClient,
  type SparkOpsClientOptions,
  SparkOpsError,
} from './client.ts';
