// Run actions: cancel (with a confirmation) and fork (a new run from any revision).
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { describeError } from '../../api/graphql-errors';
import { graphql } from '../../gql';
import { parseJsonObject } from '../../lib/json';
import { AppDialog, ConfirmDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { ForkIcon, StopIcon } from '../../ui/icons';
import { Callout } from '../../ui/states';

const CancelRun = graphql(`
  mutation CancelRun($id: ID!, $reason: String) {
    cancelRun(id: $id, reason: $reason) {
      id
      status
      finishedAt
    }
  }
`);

const ForkRun = graphql(`
  mutation ForkRun($runId: ID!, $atRevision: Int!, $overrides: ForkOverrides) {
    forkRun(runId: $runId, atRevision: $atRevision, overrides: $overrides) {
      id
    }
  }
`);

export function CancelRunButton({ runId }: { runId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [state, cancelRun] = useMutation(CancelRun);
  return (
    <>
      <button type="button" className="btn btn-danger-outline" onClick={() => setOpen(true)}>
        <StopIcon size={14} />
        Cancel run
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Cancel this run?"
        description="The agent stops after the step under way; nothing already done is undone."
        confirmLabel={state.fetching ? 'Cancelling…' : 'Cancel run'}
        busy={state.fetching}
        onConfirm={async () => {
          const result = await cancelRun({ id: runId, ...(reason.trim() ? { reason: reason.trim() } : {}) });
          if (!result.error) setOpen(false);
        }}
      >
        <div className="form">
          {state.error ? (
            <Callout tone="danger" role="alert">
              {describeError(state.error)}
            </Callout>
          ) : null}
          <Field label="Reason" optional>
            {(control) => (
              <input
                {...control}
                className="input"
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
        </div>
      </ConfirmDialog>
    </>
  );
}

export function ForkRunButton({
  runId,
  goal,
  revision,
  lastRevision,
}: {
  runId: string;
  goal: string | null;
  /** The revision the replay scrubber shows: the natural place to branch off. */
  revision: number;
  lastRevision: number;
}) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [at, setAt] = useState(String(revision));
  const [newGoal, setNewGoal] = useState(goal ?? '');
  const [model, setModel] = useState('');
  const [toolParams, setToolParams] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [paramsProblem, setParamsProblem] = useState<string | undefined>();
  const [state, forkRun] = useMutation(ForkRun);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const atRevision = Number(at);
    if (!Number.isInteger(atRevision) || atRevision < 0 || atRevision > lastRevision) {
      setProblem(`Enter a revision from 0 to ${lastRevision}.`);
      return;
    }
    setProblem(undefined);
    const params = toolParams.trim() === '' ? null : parseJsonObject(toolParams);
    if (params && !params.ok) {
      setParamsProblem(params.error);
      return;
    }
    setParamsProblem(undefined);
    const overrides = {
      ...(params?.ok ? { toolParams: params.value } : {}),
      ...(newGoal.trim() && newGoal.trim() !== goal ? { inputs: { goal: newGoal.trim() } } : {}),
      ...(model.trim() ? { llmModel: model.trim() } : {}),
    };
    const result = await forkRun({
      runId,
      atRevision,
      ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
    });
    if (result.data) {
      setOpen(false);
      navigate(`/runs/${result.data.forkRun.id}`);
    }
  };
  return (
    <AppDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setAt(String(revision));
      }}
      title="Fork run"
      description="Start a new run from this run's state at a revision; the steps before it are not repeated."
      trigger={
        <button type="button" className="btn">
          <ForkIcon size={14} />
          Fork
        </button>
      }
    >
      <form className="form" onSubmit={submit} noValidate aria-label="Fork run">
        {state.error ? (
          <Callout tone="danger" role="alert">
            {describeError(state.error)}
          </Callout>
        ) : null}
        <Field
          label="At revision"
          error={problem}
          hint={`0 to ${lastRevision}; the scrubber's position by default.`}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              inputMode="numeric"
              value={at}
              onChange={(event) => setAt(event.target.value)}
            />
          )}
        </Field>
        <Field label="Goal" hint="Change it to try another instruction from the same state.">
          {(control) => (
            <textarea
              {...control}
              className="textarea"
              rows={3}
              value={newGoal}
              onChange={(event) => setNewGoal(event.target.value)}
            />
          )}
        </Field>
        <Field label="Model" optional hint="Another model for the new run.">
          {(control) => (
            <input
              {...control}
              className="input"
              value={model}
              onChange={(event) => setModel(event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Tool call params (JSON)"
          optional
          error={paramsProblem}
          hint="When the model had proposed a tool call at this revision: run it with these params instead. The fork's safety checks them first."
        >
          {(control) => (
            <textarea
              {...control}
              className="textarea code"
              rows={4}
              spellCheck={false}
              placeholder='{ "to": "ops@example.com" }'
              value={toolParams}
              onChange={(event) => setToolParams(event.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={state.fetching}>
            {state.fetching ? 'Forking…' : 'Fork run'}
          </button>
        </div>
      </form>
    </AppDialog>
  );
}
