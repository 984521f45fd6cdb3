import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { exampleIds } from '../../schema/events/examples.ts';
import type { RunEventData } from '../../schema/events/index.ts';
import { type AnnotateStepCommand, annotateStep } from './annotate-step.ts';
import { decide } from './decide.ts';
import type { Decision } from './refusal.ts';
import { evolve, foldRun } from './run-state.ts';
import { ev, recorded, story, TEST_START } from './testing.ts';

const { runStarted, action, safety, finish } = story;
const command = (overrides: Partial<AnnotateStepCommand> = {}): AnnotateStepCommand => ({
  annotationId: exampleIds.annotationId,
  step: 1,
  label: 'wrong-tool',
  score: -0.5,
  comment: 'Look the order up first.',
  by: 'user-analyst',
  ...overrides,
});

/** given(events).when(command) → the decision. */
const given = (...events: RunEventData[]) => ({
  when: (input: AnnotateStepCommand): Decision => annotateStep(foldRun(recorded(events)), input),
});

const refusedField = (decision: Decision) =>
  'refusal' in decision && decision.refusal.code === 'BAD_USER_INPUT' ? decision.refusal.field : null;

describe('annotateStep', () => {
  const twoSteps = [runStarted(), action(1), safety(1, 'allow'), finish(2)];

  test('a step of the run: one StepAnnotated with the trimmed label and comment and who annotated', () => {
    const decision = given(...twoSteps).when(
      command({ step: 2, label: '  good  ', score: 1, comment: ' ok ' }),
    );
    assert.deepEqual(decision, {
      events: [
        {
          type: 'StepAnnotated',
          data: {
            annotationId: exampleIds.annotationId,
            step: 2,
            label: 'good',
            score: 1,
            comment: 'ok',
            by: 'user-analyst',
          },
        },
      ],
    });
  });

  test('an empty comment is left out', () => {
    const decision = given(...twoSteps).when(command({ comment: '  ' }));
    assert.ok('events' in decision);
    assert.equal('comment' in (decision.events[0]?.data ?? {}), false);
  });

  test('a run that does not exist is NOT_FOUND', () => {
    const decision = given().when(command());
    assert.ok('refusal' in decision && decision.refusal.code === 'NOT_FOUND');
  });

  test.each([
    ['step', { step: 3 }],
    ['step', { step: 0 }],
    ['step', { step: 1.5 }],
    ['label', { label: '   ' }],
    ['label', { label: 'x'.repeat(101) }],
    ['score', { score: 1.01 }],
    ['score', { score: -2 }],
    ['score', { score: Number.NaN }],
    ['comment', { comment: 'x'.repeat(2001) }],
  ] as const)('bad %s is refused with the field named (%o)', (field, overrides) => {
    assert.equal(refusedField(given(...twoSteps).when(command(overrides))), field);
  });

  test('a run without steps yet cannot be annotated', () => {
    assert.equal(refusedField(given(runStarted()).when(command())), 'step');
  });

  test('an ended run can be annotated (feedback comes after the fact)', () => {
    const ended = [...twoSteps, ev('RunCompleted')];
    assert.ok('events' in given(...ended).when(command()));
  });

  test('a StepAnnotated changes nothing the engine decides on', () => {
    const events = recorded([runStarted(), action(1), ev('StepAnnotated', { step: 1 })]);
    const before = foldRun(events.slice(0, 2));
    const after = evolve(before, events[2] as (typeof events)[number]);
    assert.deepEqual({ ...after, revision: before.revision }, before);
    const now = new Date(TEST_START.getTime() + 10_000);
    assert.deepEqual(decide(after, { now }), decide(before, { now }));
  });
});
