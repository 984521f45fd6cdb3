import { useState } from 'react';
import { AppDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { Callout } from '../../ui/states';

/** "Reject": an optional comment the agent sees in its next step. */
export function RejectDialog({
  open,
  onOpenChange,
  tool,
  busy,
  error,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  tool: string;
  busy: boolean;
  error: string | null;
  onConfirm: (comment: string) => void;
}) {
  const [comment, setComment] = useState('');
  return (
    <AppDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Reject request"
      description={`The agent will not run ${tool}. It sees your comment and can choose another way.`}
      testId="reject-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={() => onOpenChange(false)}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => onConfirm(comment)}>
            {busy ? 'Rejecting…' : 'Reject request'}
          </button>
        </>
      }
    >
      <div className="form">
        {error ? (
          <Callout tone="danger" role="alert">
            {error}
          </Callout>
        ) : null}
        <Field label="Comment" optional hint="Why it is rejected, or what the agent should do instead.">
          {(control) => (
            <textarea
              {...control}
              className="textarea"
              rows={4}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          )}
        </Field>
      </div>
    </AppDialog>
  );
}
