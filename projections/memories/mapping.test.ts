import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import { entry, exampleStory, recordedLog, TEST_LOG_START } from '../../server/testkit/event-log.ts';
import { mapMemoryEvents } from './mapping.ts';

const run = runStream(exampleIds.runId);

describe('memories mapping', () => {
  it('given the example story → its run, and its memory linked to the agent', () => {
    assert.deepEqual(mapMemoryEvents(recordedLog(exampleStory())), {
      runs: [{ runId: exampleIds.runId, agentId: exampleIds.agentId }],
      memories: [
        {
          memoryId: exampleIds.memoryId,
          runId: exampleIds.runId,
          agentId: exampleIds.agentId,
          step: 1,
          kind: 'observation',
          text: 'Told customer@example.com that their refund is on its way.',
          embeddingModel: 'local-hashing-4',
          dims: 4,
          vector: [0.5, -0.5, 0.5, 0.5],
          createdAt: new Date(TEST_LOG_START.getTime() + 9000),
          position: 't:000010',
        },
      ],
    });
  });

  it('leaves the agent to the writer when the RunStarted came in an earlier batch', () => {
    const { runs, memories } = mapMemoryEvents(
      recordedLog([entry(run, 'MemoryStored', exampleEvents.MemoryStored)]),
    );
    assert.deepEqual(runs, []);
    assert.equal(memories[0]?.agentId, null);
  });
});
