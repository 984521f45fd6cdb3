import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import { entry, exampleStory, recordedLog, TEST_LOG_START, troubledRunStory } from '../testkit/event-log.ts';
import { type RunSpan, runSpans, spanIdOf, traceIdOf } from './run-spans.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);
const runEventsOf = (story: ReturnType<typeof exampleStory>) =>
  recordedLog(story).filter((event) => event.stream.startsWith('run-'));
const byName = (spans: RunSpan[], name: string) => spans.filter((span) => span.name === name);

describe('run spans', () => {
  it('given the example story → run, step, LLM call and tool call spans with GenAI attributes', () => {
    const spans = runSpans(runEventsOf(exampleStory()));
    const runId = exampleIds.runId;
    const traceId = runId.replaceAll('-', '');
    assert.ok(
      spans.every((span) => span.traceId === traceId),
      'the trace id is the run id',
    );
    assert.deepEqual(
      spans.map((span) => [span.name, span.parentSpanId]),
      [
        ['invoke_agent Support triage', null],
        ['step 1', spanIdOf(runId, 'run')],
        ['chat demo-scripted-1', spanIdOf(runId, 'step:1')],
        ['execute_tool send_email', spanIdOf(runId, 'step:1')],
        ['step 2', spanIdOf(runId, 'run')],
        ['chat demo-scripted-1', spanIdOf(runId, 'step:2')],
      ],
    );
    const [run, step1, llm, tool] = spans as [RunSpan, RunSpan, RunSpan, RunSpan];
    assert.deepEqual([run.start, run.end], [at(1), at(11)]);
    assert.deepEqual(run.attributes['gen_ai.operation.name'], 'invoke_agent');
    assert.deepEqual(run.attributes['gen_ai.agent.id'], exampleIds.agentId);
    assert.deepEqual(
      [
        run.attributes['gen_ai.usage.input_tokens'],
        run.attributes['gen_ai.usage.output_tokens'],
        run.attributes['gen_ai.usage.cache_read.input_tokens'],
        run.attributes['spark.run.outcome'],
        run.attributes['spark.run.steps'],
      ],
      [1624, 128, 1024, 'RunCompleted', 2],
    );
    // The LLM call ends when it was recorded and began its latency earlier.
    assert.deepEqual([llm.start, llm.end, llm.kind], [new Date(at(2).getTime() - 420), at(2), 'client']);
    assert.deepEqual(
      {
        operation: llm.attributes['gen_ai.operation.name'],
        provider: llm.attributes['gen_ai.provider.name'],
        model: llm.attributes['gen_ai.request.model'],
        input: llm.attributes['gen_ai.usage.input_tokens'],
        output: llm.attributes['gen_ai.usage.output_tokens'],
        cached: llm.attributes['gen_ai.usage.cache_read.input_tokens'],
        reasoning: llm.attributes['gen_ai.usage.reasoning.output_tokens'],
        cost: llm.attributes['spark.cost_usd'],
      },
      {
        operation: 'chat',
        provider: 'demo',
        model: 'demo-scripted-1',
        input: 812,
        output: 64,
        cached: 512,
        reasoning: 0,
        cost: 0.0012,
      },
    );
    assert.deepEqual([tool.start, tool.end], [at(7), at(8)]);
    assert.deepEqual(
      [
        tool.attributes['gen_ai.operation.name'],
        tool.attributes['gen_ai.tool.name'],
        tool.attributes['spark.tool.outcome'],
      ],
      ['execute_tool', 'send_email', 'succeeded'],
    );
    // A step spans its LLM call to its last event; safety, approval and memory are its events.
    assert.deepEqual([step1.start, step1.end], [llm.start, at(9)]);
    assert.deepEqual(
      step1.events.map((event) => event.name),
      ['safety_evaluated', 'approval_requested', 'approval_granted', 'memory_stored'],
    );
  });

  it('is deterministic: the same events give the same ids, times and attributes', () => {
    const events = runEventsOf(exampleStory());
    assert.deepEqual(runSpans(events), runSpans(events));
    assert.equal(new Set(runSpans(events).map((span) => span.spanId)).size, 6);
    assert.equal(traceIdOf('not-a-uuid').length, 32);
    assert.notEqual(traceIdOf('run-a'), traceIdOf('run-b'));
  });

  it('marks failed calls, rejected answers, failed and unknown tools, and a failed run as errors', () => {
    const spans = runSpans(runEventsOf(troubledRunStory()));
    const [run] = spans;
    assert.deepEqual(run?.status, { outcome: 'error', message: 'Budget exceeded: 10 steps.' });
    const calls = byName(spans, 'chat demo-scripted-1');
    assert.deepEqual(
      calls.map((span) => [
        span.status.outcome,
        span.attributes['error.type'] ?? span.attributes['spark.llm.output_problem'],
      ]),
      [
        ['error', 'http_503'],
        ['error', 'unknown_tool'],
      ],
    );
    assert.equal(calls[0]?.start.getTime(), calls[0]?.end.getTime(), 'a failed call is a point in time');
    const tools = byName(spans, 'execute_tool send_email');
    assert.deepEqual(
      tools.map((span) => [
        span.attributes['spark.tool.outcome'],
        span.status.outcome,
        span.attributes['error.type'],
      ]),
      [
        ['failed', 'error', 'timeout'],
        ['unknown', 'error', undefined],
      ],
    );
  });

  it('ends a tool call still running when the run was cancelled with the run; ignores events after the end', () => {
    const run = runStream(exampleIds.runId);
    const spans = runSpans(
      recordedLog([
        entry(run, 'RunStarted', exampleEvents.RunStarted),
        entry(run, 'ReasoningCompleted', exampleEvents.ReasoningCompleted),
        entry(run, 'ToolCallStarted', exampleEvents.ToolCallStarted),
        entry(run, 'RunCancelled', exampleEvents.RunCancelled),
        entry(run, 'ToolCallSucceeded', exampleEvents.ToolCallSucceeded),
      ]),
    );
    const tool = byName(spans, 'execute_tool send_email')[0];
    assert.deepEqual([tool?.end, tool?.attributes['spark.tool.outcome']], [at(3), 'none']);
    assert.deepEqual([spans[0]?.end, spans[0]?.attributes['spark.run.outcome']], [at(3), 'RunCancelled']);
  });

  it('gives nothing for events that do not begin with RunStarted', () => {
    assert.deepEqual(runSpans(runEventsOf(exampleStory()).slice(1)), []);
    assert.deepEqual(runSpans([]), []);
  });
});
