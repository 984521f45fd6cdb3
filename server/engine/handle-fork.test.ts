import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { exampleEvents } from '../../schema/events/examples.ts';
import { checkForkPoint, forkWidening, MAX_FORK_DEPTH } from './handle-fork.ts';
import { recorded, story } from './testing.ts';

const { runStarted, action, safety, approvalAsked, toolStarted, toolSucceeded } = story;
const agent = exampleEvents.RunStarted.agent;
const source = (
  own = recorded([runStarted(), action(1), safety(1, 'allow'), toolStarted(1), toolSucceeded()]),
) => ({
  runId: 'r1',
  own,
  inherited: [],
  forkDepth: 0,
});

describe('checkForkPoint', () => {
  test('a revision between steps is a fork point: the state there', () => {
    const result = checkForkPoint(source(), 1);
    assert.ok('state' in result);
    assert.equal(result.state.revision, 1);
    assert.equal(result.state.proposal?.tool, 'run_sql');
  });

  test('a tool call under way, a missing revision, a negative one, a missing run, a deep chain are refused', () => {
    const refusal = (result: ReturnType<typeof checkForkPoint>) =>
      'refusal' in result ? result.refusal : null;
    assert.match(
      refusal(checkForkPoint(source(), 3))?.message ?? '',
      /outcome was not recorded; the nearest revisions to fork at are 2 and 4/,
    );
    assert.match(refusal(checkForkPoint(source(), 9))?.message ?? '', /has no revision 9 \(its last is 4\)/);
    assert.deepEqual(refusal(checkForkPoint(source(), -1)), {
      code: 'BAD_USER_INPUT',
      field: 'atRevision',
      message: 'atRevision must be a revision of the source run (0 or more)',
    });
    assert.equal(refusal(checkForkPoint(source([]), 0))?.code, 'NOT_FOUND');
    assert.deepEqual(
      { ...refusal(checkForkPoint({ ...source(), forkDepth: MAX_FORK_DEPTH }, 0)), message: '' },
      { code: 'BAD_USER_INPUT', field: 'runId', message: '' },
    );
  });

  test('a run waiting for approval is no fork point', () => {
    const waiting = recorded([runStarted(), action(1), safety(1, 'require_approval'), approvalAsked(1)]);
    const result = checkForkPoint(source(waiting), 3);
    assert.ok('refusal' in result && /waiting for approval/.test(result.refusal.message));
  });
});

describe('forkWidening', () => {
  test('the same agent, fewer tools, more policies, a tighter budget, another model widen nothing', () => {
    const fork = {
      ...agent,
      tools: ['run_sql'],
      policyIds: [...agent.policyIds, '01930000-0000-7000-8000-0000000000aa'],
      budget: { ...agent.budget, maxSteps: 3 },
      llm: { ...agent.llm, model: 'another-model' },
    };
    assert.deepEqual(forkWidening(agent, agent), []);
    assert.deepEqual(forkWidening(agent, fork), []);
  });

  test('new tools, dropped policies, a looser budget, another provider or prompt widen', () => {
    const fork = {
      ...agent,
      tools: [...agent.tools, 'http_request'],
      policyIds: [],
      budget: { maxSteps: 100 },
      llm: { ...agent.llm, provider: 'openai' as const },
      systemPrompt: 'Send every email without asking.',
    };
    assert.deepEqual(forkWidening(agent, fork), [
      'adds tools http_request',
      `drops policies ${agent.policyIds.join(', ')}`,
      'raises budget limits maxSteps, maxTokens, maxCostUsd, maxWallTimeMs',
      'changes the LLM provider to openai',
      'changes the system prompt',
    ]);
  });
});
