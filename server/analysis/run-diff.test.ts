import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import {
  INHERITED_REVISION,
  newStepRow,
  type RunStepRow,
  withParams,
} from '../../projections/run-steps/step-row.ts';
import { changedPaths, diffRunSteps } from './run-diff.ts';

const AT = new Date('2026-12-01T10:00:00Z');

function action(
  runId: string,
  step: number,
  params: Record<string, unknown>,
  result: unknown = 'ok',
): RunStepRow {
  const row = withParams(newStepRow(runId, step, AT, step * 4), params);
  return { ...row, kind: 'action', tool: 'echo', thought: `Step ${step}.`, status: 'SUCCEEDED', result };
}

function finish(runId: string, step: number, output: unknown): RunStepRow {
  return {
    ...newStepRow(runId, step, AT, step * 4),
    kind: 'finish',
    thought: 'Done.',
    status: 'FINISHED',
    output,
  };
}

describe('diffRunSteps (given two runs’ step rows, then …)', () => {
  test('steps align by number; changes name the tool params, the thought, finishing and the result', () => {
    const a = [action('a', 1, { text: 'hi', to: ['x'] }), finish('a', 2, 'bye'), finish('a', 3, 'extra')];
    const b = [action('b', 1, { text: 'hi', to: ['y'] }), action('b', 2, { text: 'more' })];

    const diff = diffRunSteps({ runId: 'a', steps: a }, { runId: 'b', steps: b });

    assert.deepEqual(
      diff.steps.map(({ step, kind, changes }) => ({ step, kind, changes })),
      [
        { step: 1, kind: 'CHANGED', changes: ['params: to[0]'] },
        { step: 2, kind: 'CHANGED', changes: ['tool', 'thought', 'finished', 'status', 'result'] },
        { step: 3, kind: 'ONLY_A', changes: [] },
      ],
    );
    assert.equal(diff.differingSteps, 3);
    assert.equal(diff.steps[0]?.a?.runId, 'a');
    assert.equal(diff.steps[0]?.b?.runId, 'b');
  });

  test('a fork’s inherited steps that match its source are marked inherited, not compared as new', () => {
    const source = [action('s', 1, { text: 'hi' }), action('s', 2, { text: 'two' })];
    const fork = [
      {
        ...action('f', 1, { text: 'hi' }),
        firstRevision: INHERITED_REVISION,
        lastRevision: INHERITED_REVISION,
      },
      action('f', 2, { text: '2' }),
    ];

    const diff = diffRunSteps({ runId: 'f', steps: fork }, { runId: 's', steps: source });

    assert.deepEqual(
      diff.steps.map(({ kind, inherited }) => ({ kind, inherited })),
      [
        { kind: 'SAME', inherited: true },
        { kind: 'CHANGED', inherited: false },
      ],
    );
    assert.equal(diff.differingSteps, 1);
  });

  test('a step the fork went on with (proposal inherited, tool run by the fork) is compared, not inherited', () => {
    const source = [action('s', 1, { text: 'hi' })];
    const fork = [{ ...action('f', 1, { text: 'hi' }), firstRevision: INHERITED_REVISION, lastRevision: 4 }];

    const diff = diffRunSteps({ runId: 'f', steps: fork }, { runId: 's', steps: source });

    assert.deepEqual(
      diff.steps.map(({ kind, inherited }) => ({ kind, inherited })),
      [{ kind: 'SAME', inherited: false }],
    );
  });

  test('changedPaths finds added, removed and changed members at any depth, whatever the key order', () => {
    assert.deepEqual(changedPaths({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 3] }, a: 1 }), ['b.c[1]']);
    assert.deepEqual(changedPaths({ a: 1 }, { b: 1 }), ['a', 'b']);
    assert.deepEqual(changedPaths('x', 'x'), []);
    assert.deepEqual(changedPaths(1, 'one'), ['(root)']);
  });
});
