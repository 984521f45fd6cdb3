import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { embeddingVector, encodeFloat32 } from './embedding-vector.ts';
import { exampleEvents, exampleIds } from './examples.ts';
import {
  CatalogueValidationError,
  type EventType,
  eventCatalogue,
  eventDefinitions,
  type RunEventData,
  runEventDefinitions,
} from './index.ts';

const types = Object.keys(exampleEvents) as EventType[];

/** The error `validate` refuses `data` with; fails the test when it accepts or throws anything else. */
function refusal(type: string, data: unknown): CatalogueValidationError {
  try {
    eventCatalogue.validate(type, data);
  } catch (error) {
    if (error instanceof CatalogueValidationError) return error;
    throw error;
  }
  return assert.fail(`${type} accepted ${JSON.stringify(data)}`);
}

/** A mutable copy of an example (the examples themselves are frozen). */
function copy<T extends EventType>(type: T): Record<string, unknown> {
  return structuredClone(exampleEvents[type]) as Record<string, unknown>;
}

/** What `value` reads back as after JSON: undefined properties dropped. */
function withoutUndefined(value: unknown): unknown {
  // JSON has one zero: -0 is written as 0, the same number to every reader.
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key, withoutUndefined(item)]),
  );
}

/** Every path into an example, objects and arrays included, e.g. ['llm', 'model'] or ['tools', 0]. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(item, path)];
  });
}

function setAt(target: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
}

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

describe('event catalogue', () => {
  test('has an example for exactly its event types', () => {
    assert.deepEqual(types.toSorted(), eventDefinitions.map((definition) => definition.type).toSorted());
  });

  test('accepts every example unchanged, at its current schema version, which upcasts as itself', () => {
    const versions = new Map(
      eventDefinitions.map((definition) => [definition.type, definition.schemaVersion]),
    );
    for (const type of types) {
      const example = exampleEvents[type];
      const { data, schemaVersion } = eventCatalogue.validate(type, example);
      assert.deepEqual(data, example, type);
      assert.equal(schemaVersion, versions.get(type), type);
      assert.equal(schemaVersion, type === 'MemoryStored' ? 2 : 1, type);
      assert.equal(eventCatalogue.upcast(type, schemaVersion, data), data, type);
    }
  });

  test('upcasts a MemoryStored of version 1 (the vector as numbers) to float32 text that validates', () => {
    const vector = [0.1, -0.25, 1 / 3, 0];
    const v1 = { ...copy('MemoryStored'), embedding: { model: 'local-hashing-v1', dims: 4, vector } };
    const v2 = eventCatalogue.upcast('MemoryStored', 1, v1);
    const embedding = v2.embedding as { model: string; dims: number; vectorFloat32LE: string };
    assert.deepEqual(Object.keys(embedding), ['model', 'dims', 'vectorFloat32LE']);
    assert.deepEqual(embeddingVector(embedding), vector.map(Math.fround));
    assert.deepEqual(eventCatalogue.validate('MemoryStored', v2).data, v2);
  });

  test('examples are frozen, so no test can change them for the next', () => {
    assert.throws(() => {
      (exampleEvents.RunStarted.inputs as Record<string, string>).goal = 'changed';
    }, TypeError);
  });

  test('refuses an unknown event type', () => {
    const error = refusal('RunExploded', {});
    assert.equal(error.eventType, 'RunExploded');
    assert.equal(error.path, '');
  });

  const invalid: [EventType, string, (data: Record<string, unknown>) => void][] = [
    ['AgentCreated', 'llm.model', (d) => delete (d.llm as Record<string, unknown>).model],
    ['AgentCreated', 'llm.provider', (d) => setAt(d, ['llm', 'provider'], 'mistral')],
    ['AgentCreated', 'llm.temperature', (d) => setAt(d, ['llm', 'temperature'], 3)],
    ['AgentCreated', 'budget.maxSteps', (d) => setAt(d, ['budget', 'maxSteps'], 2.5)],
    ['AgentCreated', 'tools', (d) => setAt(d, ['tools'], ['run_sql', 'run_sql'])],
    ['AgentCreated', 'policyIds.0', (d) => setAt(d, ['policyIds', 0], 'not-a-uuid')],
    ['AgentCreated', 'agentId', (d) => setAt(d, ['agentId'], 'agent-1')],
    ['AgentCreated', 'owner', (d) => setAt(d, ['owner'], 'someone')],
    ['AgentUpdated', 'version', (d) => setAt(d, ['version'], 1)],
    ['AgentUpdated', '', (d) => delete d.llm],
    ['RunStarted', 'inputs.goal', (d) => setAt(d, ['inputs', 'goal'], '')],
    ['RunStarted', 'inputs.priority', (d) => setAt(d, ['inputs', 'priority'], 1)],
    ['RunStarted', 'agent.llm', (d) => delete (d.agent as Record<string, unknown>).llm],
    [
      'RunStarted',
      'forkedFrom.atRevision',
      (d) => setAt(d, ['forkedFrom'], { runId: exampleIds.runId, atRevision: -1 }),
    ],
    ['ReasoningCompleted', 'usage.inputTokens', (d) => setAt(d, ['usage', 'inputTokens'], -1)],
    ['ReasoningCompleted', 'usage.cachedTokens', (d) => setAt(d, ['usage', 'cachedTokens'], 1.5)],
    ['ReasoningCompleted', 'step', (d) => setAt(d, ['step'], 0)],
    [
      'ReasoningCompleted',
      'action.params.sentAt',
      (d) => setAt(d, ['action', 'params', 'sentAt'], new Date()),
    ],
    ['ModelOutputRejected', 'problem', (d) => setAt(d, ['problem'], 'rude')],
    ['ReasoningFailed', 'error.message', (d) => setAt(d, ['error'], { code: 'timeout' })],
    ['SafetyEvaluated', 'decision', (d) => setAt(d, ['decision'], 'maybe')],
    ['SafetyEvaluated', 'policyVersion', (d) => setAt(d, ['policyId'], null)],
    ['ApprovalRequested', 'expiresAt', (d) => setAt(d, ['expiresAt'], 'tomorrow')],
    ['ApprovalRequested', 'risk', (d) => setAt(d, ['risk'], 'low')],
    ['ApprovalRequested', 'onExpiry', (d) => setAt(d, ['onExpiry'], 'ignore')],
    ['ApprovalGranted', 'editedParams', (d) => setAt(d, ['editedParams'], ['to'])],
    ['ApprovalExpired', 'action', (d) => setAt(d, ['action'], 'forget')],
    ['ToolCallStarted', 'idempotent', (d) => setAt(d, ['idempotent'], 'no')],
    ['ToolCallSucceeded', 'result', (d) => delete d.result],
    ['ToolCallSucceeded', 'result.rows', (d) => setAt(d, ['result'], { rows: new Map() })],
    ['ToolCallSucceeded', 'result.total', (d) => setAt(d, ['result'], { total: 10n })],
    ['ToolCallSucceeded', 'result.scores.1', (d) => setAt(d, ['result'], { scores: [1, Number.NaN] })],
    ['ToolCallSucceeded', 'truncated.originalBytes', (d) => setAt(d, ['truncated'], { originalBytes: 0 })],
    ['ToolCallFailed', 'durationMs', (d) => setAt(d, ['durationMs'], 12.5)],
    ['ToolCallOutcomeUnknown', 'callId', (d) => delete d.callId],
    ['MemoryStored', 'embedding.vectorFloat32LE', (d) => setAt(d, ['embedding', 'dims'], 3)],
    [
      'MemoryStored',
      'embedding.vectorFloat32LE',
      (d) => setAt(d, ['embedding', 'vectorFloat32LE'], encodeFloat32([1, Number.POSITIVE_INFINITY, 0, 0])),
    ],
    [
      'MemoryStored',
      'embedding.vectorFloat32LE',
      (d) => setAt(d, ['embedding', 'vectorFloat32LE'], 'AAAAAA='),
    ],
    ['MemoryStored', 'embedding.vector', (d) => setAt(d, ['embedding', 'vector'], [0.5, -0.5, 0.5, 0.5])],
    ['MemoryStored', 'kind', (d) => setAt(d, ['kind'], 'dream')],
    ['RunCompleted', 'totals.costUsd', (d) => setAt(d, ['totals', 'costUsd'], -0.01)],
    ['RunFailed', 'error', (d) => setAt(d, ['error'], 'boom')],
    ['RunCancelled', 'by', (d) => setAt(d, ['by'], '')],
    ['PolicyCreated', 'version', (d) => setAt(d, ['version'], 2)],
    ['PolicyCreated', 'rules', (d) => setAt(d, ['rules', 1, 'id'], 'external-email')],
    ['PolicyCreated', 'rules.0.risk', (d) => setAt(d, ['rules', 0, 'risk'], 'SEVERE')],
    [
      'PolicyCreated',
      'rules.0.match.params.0.value',
      (d) => setAt(d, ['rules', 0, 'match', 'params', 0, 'value'], '('),
    ],
    [
      'PolicyCreated',
      'rules.0.match.params.0.op',
      (d) => setAt(d, ['rules', 0, 'match', 'params', 0, 'op'], 'like'),
    ],
    [
      'PolicyCreated',
      'rules.1.match.totals.stepsAbove',
      (d) => setAt(d, ['rules', 1, 'match', 'totals', 'stepsAbove'], -1),
    ],
    ['PolicyUpdated', 'rules.0.match.tool', (d) => setAt(d, ['rules', 0, 'match', 'tool'], [])],
    ['PolicyArchived', 'policyId', (d) => setAt(d, ['policyId'], 42)],
    ['IntegrationConfigured', 'kind', (d) => setAt(d, ['kind'], 'ftp')],
    [
      'IntegrationConfigured',
      'config.auth.password',
      (d) => setAt(d, ['config', 'auth'], { password: 'hunter2' }),
    ],
    [
      'IntegrationConfigured',
      'config.headers.Authorization',
      (d) => setAt(d, ['config', 'headers'], { Authorization: 'x' }),
    ],
    [
      'IntegrationConfigured',
      'config.url',
      (d) => setAt(d, ['config', 'url'], 'smtp://mail:hunter2@example.com'),
    ],
    ['IntegrationConfigured', 'config.key', (d) => setAt(d, ['config', 'key'], 'Bearer abc.def')],
    ['IntegrationRemoved', 'by', (d) => delete d.by],
  ];

  for (const [type, path, spoil] of invalid) {
    test(`${type} refuses a bad ${path || 'event'} and names it`, () => {
      const data = copy(type);
      spoil(data);
      const error = refusal(type, data);
      assert.equal(error.eventType, type);
      assert.equal(error.path, path, error.message);
    });
  }

  test('ReasoningCompleted needs exactly one of action and finish', () => {
    const { action: _action, ...neither } = copy('ReasoningCompleted');
    const finish = { ...neither, finish: { output: 'Done.' } };
    assert.equal(eventCatalogue.validate('ReasoningCompleted', finish).data.finish !== undefined, true);
    for (const data of [neither, { ...finish, action: exampleEvents.ReasoningCompleted.action }]) {
      const error = refusal('ReasoningCompleted', data);
      assert.equal(error.path, '');
      assert.match(error.message, /exactly one of "action" or "finish"/);
    }
  });

  test('accepts what its optional parts allow', () => {
    const accepted: [EventType, Record<string, unknown>][] = [
      ['RunStarted', { ...copy('RunStarted'), forkedFrom: { runId: exampleIds.runId, atRevision: 0 } }],
      ['SafetyEvaluated', { ...copy('SafetyEvaluated'), policyId: null, policyVersion: null }],
      [
        'AgentCreated',
        { ...copy('AgentCreated'), budget: {}, llm: { provider: 'openai', model: 'gpt-4.1' } },
      ],
      [
        'ToolCallSucceeded',
        { ...copy('ToolCallSucceeded'), result: 'text', truncated: { originalBytes: 2_000_000 } },
      ],
      ['ToolCallSucceeded', { ...copy('ToolCallSucceeded'), result: { optional: undefined, list: [null] } }],
      [
        'IntegrationConfigured',
        { ...copy('IntegrationConfigured'), config: { apiKeyEnv: 'MCP_TOKEN', maxTokens: 5 } },
      ],
      ['ApprovalGranted', { approvalId: exampleIds.approvalId, by: 'user-operator' }],
    ];
    for (const [type, data] of accepted) assert.doesNotThrow(() => eventCatalogue.validate(type, data), type);
  });

  test('anything at all is either accepted or refused with a CatalogueValidationError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...types), anything, (type, data) => {
        try {
          eventCatalogue.validate(type, data);
        } catch (error) {
          assert.ok(error instanceof CatalogueValidationError, String(error));
          assert.equal(error.eventType, type);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('an example with any one part replaced is refused cleanly or reads back the same after JSON', () => {
    const cases = types.flatMap((type) => pathsOf(exampleEvents[type]).map((path) => ({ type, path })));
    fc.assert(
      fc.property(fc.constantFrom(...cases), anything, ({ type, path }, value) => {
        const data = copy(type);
        setAt(data, path, value);
        let accepted: Record<string, unknown>;
        try {
          accepted = eventCatalogue.validate(type, data).data;
        } catch (error) {
          assert.ok(error instanceof CatalogueValidationError, String(error));
          return;
        }
        assert.deepEqual(JSON.parse(JSON.stringify(accepted)), withoutUndefined(accepted));
      }),
      { numRuns: 3000 },
    );
  });

  test('run event data narrows by type', () => {
    const runTypes = runEventDefinitions.map((definition) => definition.type);
    const events = runTypes.map((type) => ({ type, data: exampleEvents[type] }) as RunEventData);
    const steps = events.flatMap((event) => {
      switch (event.type) {
        case 'ReasoningCompleted':
          return event.data.action ? [event.data.action.tool] : [];
        case 'ToolCallStarted':
          return [event.data.tool];
        default:
          return [];
      }
    });
    assert.deepEqual(steps, ['send_email', 'send_email']);
  });
});
