// The agent form in a dialog: "New agent" creates one and opens it; "Edit" saves a new version.
import { useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { LlmProvider } from '../../gql/graphql';
import { AppDialog } from '../../ui/dialog';
import { Callout } from '../../ui/states';
import { AgentForm } from './agent-form';
import { type AgentFormValues, emptyAgentForm, toAgentChanges, toAgentInput } from './agent-form-values';
import { useAgentOptions } from './use-agent-options';

const CreateAgent = graphql(`
  mutation CreateAgent($input: CreateAgentInput!) {
    createAgent(input: $input) {
      id
      name
    }
  }
`);

const UpdateAgent = graphql(`
  mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) {
    updateAgent(id: $id, input: $input) {
      ...AgentDetailFields
    }
  }
`);

/** "New agent": on success, the new agent's page says so. */
export function NewAgentDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const formId = useId();
  const navigate = useNavigate();
  const options = useAgentOptions();
  const [state, createAgent] = useMutation(CreateAgent);
  const submit = async (values: AgentFormValues) => {
    const input = toAgentInput(values);
    const result = await createAgent({ input: { ...input, llmProvider: input.llmProvider as LlmProvider } });
    if (result.error || !result.data) return result.error ?? null;
    onOpenChange(false);
    navigate(`/agents/${result.data.createAgent.id}`, { state: { flash: 'Agent created successfully' } });
    return null;
  };
  return (
    <AppDialog
      open={open}
      onOpenChange={onOpenChange}
      title="New agent"
      description="What it is for, which model reasons for it, which tools it may use, and its budget."
      wide
      testId="new-agent-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={() => onOpenChange(false)}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={state.fetching}>
            {state.fetching ? 'Creating…' : 'Create agent'}
          </button>
        </>
      }
    >
      {options.error ? (
        <Callout tone="warning">Could not load the server's tools: {options.error}</Callout>
      ) : null}
      {open ? (
        <AgentForm
          id={formId}
          initial={emptyAgentForm()}
          tools={options.tools}
          providers={options.providers}
          onSubmit={submit}
        />
      ) : null}
    </AppDialog>
  );
}

/** "Edit": sends only what changed, refusing if someone else saved a version meanwhile. */
export function EditAgentDialog({
  open,
  onOpenChange,
  agentId,
  version,
  initial,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  agentId: string;
  version: number;
  initial: AgentFormValues;
}) {
  const formId = useId();
  const options = useAgentOptions();
  const [state, updateAgent] = useMutation(UpdateAgent);
  const [unchanged, setUnchanged] = useState(false);
  const submit = async (values: AgentFormValues) => {
    const changes = toAgentChanges(values, initial);
    if (!changes) {
      setUnchanged(true);
      return null;
    }
    setUnchanged(false);
    const { llmProvider, ...rest } = changes;
    const result = await updateAgent({
      id: agentId,
      input: {
        ...rest,
        ...(llmProvider ? { llmProvider: llmProvider as LlmProvider } : {}),
        expectedVersion: version,
      },
    });
    if (result.error) return result.error;
    onOpenChange(false);
    return null;
  };
  return (
    <AppDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Edit agent"
      description={`Saving records version ${version + 1}. Runs already started keep the version they began with.`}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={() => onOpenChange(false)}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={state.fetching}>
            {state.fetching ? 'Saving…' : 'Save changes'}
          </button>
        </>
      }
    >
      {unchanged ? <Callout tone="info">Nothing changed: there is no new version to save.</Callout> : null}
      {open ? (
        <AgentForm
          id={formId}
          initial={initial}
          tools={options.tools}
          providers={options.providers}
          onSubmit={submit}
        />
      ) : null}
    </AppDialog>
  );
}
