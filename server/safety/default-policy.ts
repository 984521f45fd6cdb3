// The built-in safety policy, as data: the same rules an operator could write, under a well-known id.
import type { PolicyCreatedData, PolicyRule } from '../../schema/events/index.ts';
import { foldPolicy, type PolicyState } from './policy-state.ts';
import { BUILTIN_TOOL_RISK } from './tool-risks.ts';

/** The stable id of the built-in policy (stream `policy-5afe7000-…`), the same on every install. */
export const DEFAULT_POLICY_ID = '5afe7000-0000-4000-8000-000000000001';

const rules: PolicyRule[] = [
  {
    id: 'send-email',
    description: 'Email reaches people',
    match: { tool: 'send_email' },
    risk: BUILTIN_TOOL_RISK.send_email,
    reason: 'Sending email reaches people outside the platform and cannot be undone.',
  },
  {
    id: 'execute-python',
    description: 'Code in the sandbox',
    match: { tool: 'execute_python' },
    risk: BUILTIN_TOOL_RISK.execute_python,
    reason: 'Runs model-written code in the sandbox.',
  },
  {
    id: 'run-sql',
    description: 'Reads of the database',
    match: { tool: 'run_sql' },
    risk: BUILTIN_TOOL_RISK.run_sql,
    reason: 'Reads the database.',
  },
  {
    id: 'run-sql-not-a-read',
    description: 'run_sql that is not one plain read',
    // Fails closed: a missing or non-string `sql` (say, after a rename of the param) is not a read either.
    match: { tool: 'run_sql', params: [{ path: 'sql|sqlKind', op: 'notEquals', value: 'read' }] },
    risk: 'CRITICAL',
    reason:
      'The SQL is not one plain read (it writes, changes the schema or session, or cannot be classified).',
  },
  {
    id: 'http-request',
    description: 'HTTP reads',
    match: { tool: 'http_request' },
    risk: BUILTIN_TOOL_RISK.http_request,
    reason: 'Fetches a URL from the internet.',
  },
  {
    id: 'http-request-not-get',
    description: 'HTTP requests that may change something',
    // A missing method means GET (so no match); any other method, in any case, needs a human.
    match: { tool: 'http_request', params: [{ path: 'method|upper', op: 'matches', value: '^(?!GET$)' }] },
    risk: 'HIGH',
    reason: 'An HTTP request other than GET may change something elsewhere.',
  },
  {
    id: 'web-search',
    description: 'Web searches',
    match: { tool: 'web_search' },
    risk: BUILTIN_TOOL_RISK.web_search,
    reason: 'Searches the web; reads only.',
  },
];

/**
 * The event that creates the built-in policy (version 1). The application appends it to
 * `policy-<DEFAULT_POLICY_ID>` once, so operators see it and can update it like any other policy.
 * Tools it does not name get their own default risk, and unknown tools are HIGH (`evaluateRisk`).
 */
export const defaultPolicyCreated: PolicyCreatedData = {
  policyId: DEFAULT_POLICY_ID,
  name: 'Built-in safety policy',
  description:
    'send_email needs approval; run_sql may only read; http_request needs approval unless it is a GET; ' +
    'execute_python and http GET run; web_search is low risk.',
  version: 1,
  rules,
};

/** The built-in policy folded, for evaluation before (or without) its stream being read. */
export const defaultPolicy: PolicyState = foldPolicy([
  { type: 'PolicyCreated', data: defaultPolicyCreated },
]) as PolicyState;
