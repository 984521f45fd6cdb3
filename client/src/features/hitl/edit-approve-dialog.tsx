// "Edit and approve": the operator corrects the proposed params as JSON, sees the diff against the
// proposal, and approves the edited call.
import { useMemo, useState } from 'react';
import { parseJsonObject, prettyJson } from '../../lib/json';
import { diffReadable, jsonChanges } from '../../lib/json-diff';
import { AppDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { DiffView } from '../../ui/json-view';
import { Callout } from '../../ui/states';

export function EditApproveDialog({
  open,
  onOpenChange,
  tool,
  params,
  busy,
  error,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  tool: string;
  params: unknown;
  busy: boolean;
  error: string | null;
  onConfirm: (editedParams: Record<string, unknown>, comment: string) => void;
}) {
  const [text, setText] = useState(() => prettyJson(params));
  const [comment, setComment] = useState('');
  const parsed = useMemo(() => parseJsonObject(text), [text]);
  const changes = parsed.ok ? jsonChanges(params, parsed.value) : [];
  return (
    <AppDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Edit and approve"
      description={`Correct the parameters of ${tool}, check the changes, then approve the edited call.`}
      wide
      testId="edit-approve-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={() => onOpenChange(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!parsed.ok || busy}
            onClick={() => parsed.ok && onConfirm(parsed.value, comment)}
          >
            {busy ? 'Approving…' : 'Approve with edits'}
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
        <Field label="Parameters (JSON)" error={parsed.ok ? undefined : parsed.error}>
          {(control) => (
            <textarea
              {...control}
              className="textarea code"
              rows={12}
              spellCheck={false}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
        {parsed.ok ? (
          <div className="field">
            <span className="field-label">
              Changes{' '}
              <span className="muted" style={{ fontWeight: 400 }}>
                {changes.length === 0
                  ? '(none: this approves the proposal as it is)'
                  : `(${changes.length}: ${changes.map((change) => change.path).join(', ')})`}
              </span>
            </span>
            <DiffView lines={diffReadable(params, parsed.value)} label="Proposed and edited parameters" />
          </div>
        ) : null}
        <Field label="Comment" optional hint="Recorded with the approval; the agent sees it.">
          {(control) => (
            <input
              {...control}
              className="input"
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          )}
        </Field>
      </div>
    </AppDialog>
  );
}
