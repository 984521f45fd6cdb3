import assert from 'node:assert/strict';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { feedbackByStep, StepAnnotations } from './step-annotations';
import type { StepSummary } from './step-rows';
import { TraceStepRow } from './trace-step-row';
import { StepStatus } from './trace-types';

const RUN_ID = '01930000-0000-7000-8000-000000000010';

const annotation = (id: string, step: number, label: string, score: number, comment: string | null) => ({
  __typename: 'StepAnnotation',
  id,
  step,
  label,
  score,
  comment,
  by: 'ana@example.com',
  createdAt: '2026-12-07T00:00:00.000Z',
});

const annotationsOf = (items: unknown[]) => ({
  data: { run: { __typename: 'Run', id: RUN_ID, annotations: items } },
});

describe('StepAnnotations', () => {
  it("lists this step's feedback only, with who gave it", async () => {
    const { client } = testClient((name) =>
      name === 'RunAnnotations'
        ? annotationsOf([
            annotation('a1', 1, 'wrong-tool', -0.5, 'look it up first'),
            annotation('a2', 2, 'good', 1, null),
          ])
        : undefined,
    );
    renderWithApi(<StepAnnotations runId={RUN_ID} step={1} />, client);

    const list = await screen.findByRole('list', { name: 'Feedback on step 1' });
    const items = within(list).getAllByRole('listitem');
    assert.equal(items.length, 1);
    assert.match(items[0]?.textContent ?? '', /wrong-tool\s*-0\.5 “look it up first”.*ana@example\.com/);
  });

  it('records feedback with the form (label trimmed, chosen score, comment), then reads the list again', async () => {
    const user = userEvent.setup();
    let saved = false;
    const { client, calls } = testClient((name, variables) => {
      if (name === 'RunAnnotations')
        return annotationsOf(saved ? [annotation('a3', 2, 'hallucinated', -1, 'no such order')] : []);
      if (name === 'AnnotateStep') {
        saved = true;
        const input = variables.input as Record<string, unknown>;
        return {
          data: {
            annotateStep: annotation('a3', 2, String(input.label), Number(input.score), 'no such order'),
          },
        };
      }
      return undefined;
    });
    renderWithApi(<StepAnnotations runId={RUN_ID} step={2} />, client);
    await screen.findByText('No feedback on this step yet.');

    const form = screen.getByRole('form', { name: 'Add feedback on step 2' });
    const add = within(form).getByRole('button', { name: 'Add feedback' });
    assert.equal((add as HTMLButtonElement).disabled, true, 'a label is required');
    await user.type(within(form).getByLabelText('Label'), '  hallucinated ');
    await user.selectOptions(within(form).getByLabelText('Score'), '-1');
    await user.type(within(form).getByLabelText('Comment'), 'no such order');
    await user.click(add);

    const list = await screen.findByRole('list', { name: 'Feedback on step 2' });
    assert.match(list.textContent ?? '', /hallucinated/);
    assert.deepEqual(calls.find((call) => call.name === 'AnnotateStep')?.variables, {
      input: { runId: RUN_ID, step: 2, label: 'hallucinated', score: -1, comment: 'no such order' },
    });
    assert.equal((within(form).getByLabelText('Label') as HTMLInputElement).value, '', 'the form is cleared');
  });

  it("shows the server's refusal and keeps what was typed", async () => {
    const user = userEvent.setup();
    const { client } = testClient((name) => {
      if (name === 'RunAnnotations') return annotationsOf([]);
      if (name === 'AnnotateStep')
        return {
          errors: [
            {
              message: 'step must be a step of the run: the run has steps 1 to 1',
              extensions: { code: 'BAD_USER_INPUT', field: 'step' },
            },
          ],
        };
      return undefined;
    });
    renderWithApi(<StepAnnotations runId={RUN_ID} step={2} />, client);
    const label = await screen.findByLabelText('Label');
    await user.type(label, 'late');
    await user.click(screen.getByRole('button', { name: 'Add feedback' }));

    const alert = await screen.findByRole('alert');
    assert.match(alert.textContent ?? '', /step must be a step of the run/);
    assert.equal((label as HTMLInputElement).value, 'late');
  });

  it('a viewer who may not annotate sees the feedback but no form', async () => {
    const { client } = testClient(
      (name) =>
        name === 'RunAnnotations' ? annotationsOf([annotation('a1', 1, 'good', 1, null)]) : undefined,
      { role: 'INTEGRATOR' },
    );
    renderWithApi(<StepAnnotations runId={RUN_ID} step={1} />, client);
    await screen.findByRole('list', { name: 'Feedback on step 1' });
    assert.equal(screen.queryByRole('form', { name: 'Add feedback on step 1' }), null);
  });
});

describe('feedback on the trace row', () => {
  const row = (feedback?: number): StepSummary => ({
    step: 1,
    status: StepStatus.Succeeded,
    tool: 'echo',
    finished: false,
    text: 'Echo it.',
    paramsSummary: null,
    risk: null,
    inputTokens: 10,
    outputTokens: 2,
    costUsd: 0,
    durationMs: 5,
    lastRevision: 4,
    ...(feedback === undefined ? {} : { feedback }),
  });

  it('counts annotations per step', () => {
    assert.deepEqual(
      [...feedbackByStep([{ step: 2 }, { step: 1 }, { step: 2 }])],
      [
        [2, 2],
        [1, 1],
      ],
    );
  });

  it('a row with feedback says how much; a row without shows nothing', () => {
    const { client } = testClient(() => undefined);
    const { rerender } = renderWithApi(
      <TraceStepRow row={row(2)} expanded={false} onToggle={() => undefined} details={null} />,
      client,
    );
    assert.ok(screen.getByText('2 feedback'));
    rerender(<TraceStepRow row={row(0)} expanded={false} onToggle={() => undefined} details={null} />);
    assert.equal(screen.queryByText(/feedback/), null);
  });
});
