import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { SCHEMA_FILE } from '../../scripts/generate-schema.ts';
import { printApiSchema } from './schema.ts';

describe('schema/schema.graphql', () => {
  it('is the schema the code prints (sorted)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    assert.ok(committed === printApiSchema(), 'schema/schema.graphql is stale: run npm run generate');
  });

  it('keeps the public names of ARCHITECTURE.md §7', () => {
    const printed = printApiSchema();
    for (const name of [
      'agents(',
      'agent(id',
      'runs(',
      'run(id',
      'hitlRequests(',
      'hitlRequest(id',
      'searchMemories(agentId',
      'policies:',
      'metrics(range',
      'outbox(',
      'me:',
      'createAgent(input',
      'updateAgent(',
      'archiveAgent(',
      'startRun(input',
      'cancelRun(id',
      'approveHitlRequest(',
      'rejectHitlRequest(',
      'forkRun(',
      'createPolicy(',
      'updatePolicy(',
      'login(',
      'runEvents(',
      'hitlRequested:',
      'runUpdated(runId',
    ]) {
      assert.ok(printed.includes(name), name);
    }
  });
});
