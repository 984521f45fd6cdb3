// RunAgentDialog: a goal (and, for an agent with several versions, the version) in, a run out;
// opens the new run's live trace.
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { describeError } from '../../api/graphql-errors';
import { graphql } from '../../gql';
import { AppDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { PlayIcon } from '../../ui/icons';
import { Callout } from '../../ui/states';

const StartRun = graphql(`
  mutation StartRun($input: StartRunInput!) {
    startRun(input: $input) {
      id
      status
    }
  }
`);

export function RunAgentDialog({
  agentId,
  agentName,
  latestVersion = 1,
  open,
  onOpenChange,
}: {
  agentId: string;
  agentName: string;
  /** The agent's current version: older ones can be picked to pin the run to. */
  latestVersion?: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const navigate = useNavigate();
  const [goal, setGoal] = useState('');
  // null: the latest version, whatever it is when the run starts.
  const [version, setVersion] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [state, startRun] = useMutation(StartRun);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (goal.trim() === '') {
      setProblem('Describe what the agent should achieve.');
      return;
    }
    setProblem(undefined);
    const pinned = version === null ? {} : { agentVersion: version };
    const result = await startRun({ input: { agentId, ...pinned, inputs: { goal: goal.trim() } } });
    if (result.data) {
      onOpenChange(false);
      setGoal('');
      navigate(`/runs/${result.data.startRun.id}`);
    }
  };
  return (
    <AppDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Run agent"
      description={`Start a new run of ${agentName}. You can watch it live and approve risky actions.`}
      testId="run-agent-dialog"
    >
      <form className="form" onSubmit={submit} noValidate aria-label="Run agent">
        {state.error ? (
          <Callout tone="danger" role="alert" title="The run could not start">
            {describeError(state.error)}
          </Callout>
        ) : null}
        <Field
          label="Goal"
          error={problem}
          hint="What should this run achieve? The agent sees it as its task."
        >
          {(control) => (
            <textarea
              {...control}
              className="textarea"
              name="goal"
              rows={4}
              value={goal}
              onChange={(event) => setGoal(event.target.value)}
              placeholder="Summarise last month's support tickets and email the leads."
            />
          )}
        </Field>
        {latestVersion > 1 ? (
          <Field label="Version" hint="An older version runs with the configuration it had then.">
            {(control) => (
              <select
                {...control}
                className="select"
                value={version ?? ''}
                onChange={(event) =>
                  setVersion(event.target.value === '' ? null : Number(event.target.value))
                }
              >
                <option value="">Latest (v{latestVersion})</option>
                {Array.from({ length: latestVersion - 1 }, (_, index) => latestVersion - 1 - index).map(
                  (item) => (
                    <option key={item} value={item}>
                      v{item}
                    </option>
                  ),
                )}
              </select>
            )}
          </Field>
        ) : null}
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => onOpenChange(false)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={state.fetching}>
            <PlayIcon size={14} />
            {state.fetching ? 'Starting…' : 'Start run'}
          </button>
        </div>
      </form>
    </AppDialog>
  );
}
