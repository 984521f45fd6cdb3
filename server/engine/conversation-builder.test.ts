import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { exampleEvents } from '../../schema/events/examples.ts';
import {
  buildConversation,
  chosenMemories,
  FINISH_TOOL_SPEC,
  MAX_CONVERSATION_STEPS,
  MAX_MEMORIES,
  stepsLeftOut,
  toolCallIdOf,
} from './conversation-builder.ts';
import { MAX_RESULT_CHARS } from './prompt-text.ts';
import { foldRun } from './run-state.ts';
import { ev, recorded, story } from './testing.ts';

const { runStarted, action, safety, approvalAsked, granted, rejected, toolStarted, toolSucceeded } = story;
const conversationOf = (...events: Parameters<typeof recorded>[0]) =>
  buildConversation(foldRun(recorded(events)));
const email = exampleEvents.ApprovalRequested.params;

describe('buildConversation', () => {
  test('system prompt: the agent, how to finish, and the best memories', () => {
    const memories = Array.from({ length: 10 }, (_, i) => ({
      memoryId: `01930000-0000-7000-8000-00000000010${i}`,
      text: `memory ${i}`,
      score: i / 10,
    }));
    const { system, messages } = buildConversation(foldRun(recorded([runStarted()])), memories);
    assert.ok(system.startsWith(exampleEvents.RunStarted.agent.systemPrompt));
    assert.match(system, /Your purpose: Answer customer tickets and escalate refunds\./);
    assert.match(system, /call the finish tool with \{"output": <your final answer>\}/);
    assert.match(system, /- \(0\.90\) memory 9\n- \(0\.80\) memory 8/);
    // The ones in the prompt are what the reasoning event records (`recalled`), best first.
    assert.deepEqual(
      chosenMemories(memories).map((memory) => memory.text),
      ['memory 9', 'memory 8', 'memory 7', 'memory 6', 'memory 5', 'memory 4', 'memory 3', 'memory 2'],
    );
    assert.equal(system.match(/- \(\d\.\d\d\) memory/g)?.length, MAX_MEMORIES);
    assert.doesNotMatch(system, /memory 0/);
    assert.deepEqual(messages, [
      { role: 'user', content: 'Goal: Resolve ticket 4711.\n\nInputs:\n- ticketId: 4711' },
    ]);
  });

  test('a step is the thought with its tool call, then the result', () => {
    const { messages } = conversationOf(
      runStarted(),
      action(1),
      safety(1, 'allow'),
      toolStarted(1),
      toolSucceeded({ rows: [{ count: 3 }] }),
    );
    assert.deepEqual(messages.slice(1), [
      {
        role: 'assistant',
        content: 'Step 1: use run_sql.',
        toolCall: {
          id: 'call_step_1',
          name: 'run_sql',
          arguments: { sql: 'SELECT count(*) FROM tickets' },
        },
      },
      { role: 'tool', toolCallId: 'call_step_1', toolName: 'run_sql', content: '{"rows":[{"count":3}]}' },
    ]);
  });

  test('long results are cut with a note', () => {
    const big = { text: 'x'.repeat(10_000) };
    const { messages } = conversationOf(
      runStarted(),
      action(1),
      safety(1, 'allow'),
      toolStarted(1),
      toolSucceeded(big),
    );
    const result = messages[2];
    assert.equal(result?.role, 'tool');
    assert.ok(result?.content.endsWith(`… [truncated: showing ${MAX_RESULT_CHARS} of 10011 characters]`));
    assert.ok((result?.content.length ?? 0) < MAX_RESULT_CHARS + 100);
  });

  test('rejections, blocks, edits, failures and crashes are told as the tool result', () => {
    const rejectedByHuman = conversationOf(
      runStarted(),
      action(1, 'send_email', email),
      safety(1, 'require_approval', 'send_email'),
      approvalAsked(1, 'send_email', email),
      rejected(),
    );
    assert.equal(
      rejectedByHuman.messages[2]?.content,
      'A human (user-operator) rejected this call: "Not before finance agrees." The call was not made.',
    );
    const blocked = conversationOf(runStarted(), action(1), safety(1, 'block'));
    assert.match(
      blocked.messages[2]?.content ?? '',
      /^Blocked by the safety policy \(risk CRITICAL\): .* not made\.$/,
    );
    const edited = conversationOf(
      runStarted(),
      action(1),
      safety(1, 'require_approval'),
      approvalAsked(1),
      granted({ sql: 'SELECT 1' }),
      safety(1, 'allow'),
      ev('ToolCallStarted', { params: { sql: 'SELECT 1' }, tool: 'run_sql' }),
      story.toolFailed(false),
    );
    assert.equal(
      edited.messages[2]?.content,
      'A human (user-operator) edited your arguments before approving ("Softened the wording."): {"sql":"SELECT 1"}\n' +
        'Error: run_sql failed: SMTP connection timed out. (timeout)',
    );
    const crashed = conversationOf(
      runStarted(),
      action(1),
      safety(1, 'allow'),
      toolStarted(1, false),
      story.outcomeUnknown(1),
      approvalAsked(1),
      rejected(),
    );
    assert.match(
      crashed.messages[2]?.content ?? '',
      /interrupted 1 time\(s\).*\n.*outcome is unknown; user-operator decided not to run it again/,
    );
  });

  test('a malformed answer is shown with the feedback the model gets', () => {
    const { messages } = conversationOf(runStarted(), story.malformed(1, 'There is no tool "send_mail".'));
    assert.deepEqual(messages.slice(1), [
      { role: 'assistant', content: exampleEvents.ModelOutputRejected.raw },
      { role: 'user', content: 'There is no tool "send_mail".' },
    ]);
  });

  test('failed LLM calls leave no trace', () => {
    assert.equal(conversationOf(runStarted(), story.llmFailed(1, 1)).messages.length, 1);
  });

  test('a long run keeps only its latest steps, and says so in the goal message', () => {
    const steps = MAX_CONVERSATION_STEPS + 7;
    const events = [runStarted()];
    for (let step = 1; step <= steps; step++) {
      events.push(action(step), safety(step, 'allow'), toolStarted(step), toolSucceeded({ step }));
    }
    const { messages } = conversationOf(...events);
    assert.equal(messages.length, 1 + 2 * MAX_CONVERSATION_STEPS);
    assert.match(
      messages[0]?.content ?? '',
      /^Goal: Resolve ticket 4711\.\n\nInputs:\n- ticketId: 4711\n\n\(Steps 1 to 7 of/,
    );
    assert.equal(stepsLeftOut(messages[0]?.content ?? ''), 7);
    // Whole steps only: every tool result follows its own call, starting at step 8.
    const calls = messages.flatMap((message) => (message.role === 'assistant' ? [message.toolCall?.id] : []));
    assert.deepEqual(
      calls,
      Array.from({ length: MAX_CONVERSATION_STEPS }, (_, i) => toolCallIdOf(i + 8)),
    );
    assert.ok(messages.slice(1).every((message, i) => message.role === (i % 2 === 0 ? 'assistant' : 'tool')));
    // Up to the window, nothing is left out.
    const short = conversationOf(...events.slice(0, 1 + 4 * MAX_CONVERSATION_STEPS));
    assert.equal(short.messages.length, 1 + 2 * MAX_CONVERSATION_STEPS);
    assert.doesNotMatch(short.messages[0]?.content ?? '', /left out/);
    assert.equal(stepsLeftOut(short.messages[0]?.content ?? ''), 0);
  });

  test('the finish tool spec asks for an output', () => {
    assert.equal(FINISH_TOOL_SPEC.name, 'finish');
    assert.deepEqual(FINISH_TOOL_SPEC.parameters.required, ['output']);
  });
});
