import assert from 'node:assert/strict';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { AgentForm } from './agent-form';
import { type AgentFormValues, emptyAgentForm } from './agent-form-values';
import { useAgentOptions } from './use-agent-options';

// The server's integrations, as `AgentFormOptions` returns them: the risk is the server's word.
const OPTIONS = {
  integrations: {
    __typename: 'Integrations',
    tools: [
      {
        __typename: 'ToolStatus',
        name: 'run_sql',
        description: 'Read-only SQL on the analytics database.',
        configured: true,
        detail: null,
        risk: 'MEDIUM',
      },
      {
        __typename: 'ToolStatus',
        name: 'send_email',
        description: 'Sends an email.',
        configured: false,
        detail: null,
        risk: 'HIGH',
      },
    ],
    llmProviders: [
      {
        __typename: 'LlmProviderStatus',
        name: 'openai',
        provider: 'OPENAI',
        endpoint: null,
        configured: true,
        defaultModel: 'gpt-4.1-mini',
        models: ['gpt-4.1-mini', 'gpt-4o'],
      },
      {
        __typename: 'LlmProviderStatus',
        name: 'local-llm',
        provider: 'OPENAI',
        endpoint: 'local-llm',
        configured: true,
        defaultModel: 'llama3.1:8b',
        models: ['llama3.1:8b', 'qwen2.5:7b'],
      },
    ],
  },
};

/** The form as the agent dialogs render it: its choices come from the server. */
function FormWithServerOptions({
  onSubmit,
}: {
  onSubmit: (values: AgentFormValues) => Promise<CombinedError | null>;
}) {
  const options = useAgentOptions();
  return (
    <>
      <AgentForm
        id="agent-form-test"
        initial={emptyAgentForm()}
        tools={options.tools}
        providers={options.providers}
        onSubmit={onSubmit}
      />
      {/* As in the dialogs: the submit button sits in the footer, outside the form. */}
      <button type="submit" form="agent-form-test">
        Save agent
      </button>
    </>
  );
}

function setup(onSubmit: (values: AgentFormValues) => Promise<CombinedError | null>) {
  const { client } = testClient((name) => (name === 'AgentFormOptions' ? { data: OPTIONS } : undefined));
  renderWithApi(<FormWithServerOptions onSubmit={onSubmit} />, client);
  return userEvent.setup();
}

const submitForm = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByRole('button', { name: 'Save agent' }));

describe('AgentForm', () => {
  it("shows each tool's default risk as the server reports it", async () => {
    setup(async () => null);
    const runSql = await screen.findByRole('checkbox', { name: 'run_sql' });
    const card = runSql.closest('label') as HTMLElement;
    within(card).getByText('MEDIUM');
    const email = screen.getByRole('checkbox', { name: 'send_email' }).closest('label') as HTMLElement;
    within(email).getByText('HIGH');
    within(email).getByText('Not configured on this server');
  });

  it('refuses an empty name and a bad budget before sending anything', async () => {
    const sent: AgentFormValues[] = [];
    const user = setup(async (values) => {
      sent.push(values);
      return null;
    });
    await screen.findByRole('checkbox', { name: 'run_sql' });
    await user.clear(screen.getByLabelText('Max steps'));
    await user.type(screen.getByLabelText('Max steps'), '2.5');
    await submitForm(user);
    await screen.findByText('Give the agent a name.');
    screen.getByText('Say what the agent is for.');
    assert.equal(screen.getByLabelText('Max steps').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(sent, []);
  });

  it('sends what the user filled in: provider default model, chosen tools', async () => {
    const sent: AgentFormValues[] = [];
    const user = setup(async (values) => {
      sent.push(values);
      return null;
    });
    await user.type(screen.getByLabelText('Name'), 'Ticket triage');
    await user.type(screen.getByLabelText('Purpose'), 'Sorts new tickets.');
    await user.selectOptions(screen.getByLabelText('Provider'), 'OPENAI');
    assert.equal((screen.getByLabelText('Model') as HTMLInputElement).value, 'gpt-4.1-mini');
    await user.click(await screen.findByRole('checkbox', { name: 'run_sql' }));
    await submitForm(user);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.name, 'Ticket triage');
    assert.equal(sent[0]?.llmProvider, 'OPENAI');
    assert.equal(sent[0]?.llmModel, 'gpt-4.1-mini');
    assert.deepEqual(sent[0]?.tools, ['run_sql']);
  });

  it("shows the server's refusal at the field it names, and other errors above the form", async () => {
    const user = setup(
      async () =>
        new CombinedError({
          graphQLErrors: [
            {
              message: 'Unknown model for this provider.',
              extensions: { code: 'BAD_USER_INPUT', field: 'input.llm.model' },
            },
            { message: 'The agent limit is reached.', extensions: { code: 'BAD_USER_INPUT' } },
          ],
        }),
    );
    await user.type(screen.getByLabelText('Name'), 'Ticket triage');
    await user.type(screen.getByLabelText('Purpose'), 'Sorts new tickets.');
    await submitForm(user);
    await screen.findByText('Unknown model for this provider.');
    assert.equal(screen.getByLabelText('Model').getAttribute('aria-invalid'), 'true');
    const alert = screen.getByRole('alert');
    assert.match(alert.textContent ?? '', /The agent could not be saved.*The agent limit is reached\./);
    // Nothing typed is lost.
    assert.equal((screen.getByLabelText('Name') as HTMLInputElement).value, 'Ticket triage');
  });

  it('offers each named OpenAI-compatible endpoint in the provider select, with its models', async () => {
    const sent: AgentFormValues[] = [];
    const user = setup(async (values) => {
      sent.push(values);
      return null;
    });
    await user.type(screen.getByLabelText('Name'), 'Local triage');
    await user.type(screen.getByLabelText('Purpose'), 'Sorts tickets on our own GPU.');
    const select = await screen.findByRole('option', { name: 'local-llm (OpenAI-compatible endpoint)' });
    await user.selectOptions(screen.getByLabelText('Provider'), select);
    assert.equal((screen.getByLabelText('Model') as HTMLInputElement).value, 'llama3.1:8b');
    await submitForm(user);
    assert.deepEqual(
      sent.map(({ llmProvider, llmEndpoint, llmModel }) => ({ llmProvider, llmEndpoint, llmModel })),
      [{ llmProvider: 'OPENAI', llmEndpoint: 'local-llm', llmModel: 'llama3.1:8b' }],
    );
  });
});
