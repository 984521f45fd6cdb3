// "Edit and approve": the operator corrects the proposed params as typed fields (an email's to,
// subject and body first) or as JSON, sees the diff against the proposal, and approves the edited
// call. Both views edit the same params; a view with errors cannot be left, so nothing is lost.
import { ToggleGroup } from 'radix-ui';
import { useMemo, useState } from 'react';
import { isJsonObject, type ParseResult, parseJsonObject, prettyJson } from '../../lib/json';
import { diffReadable, jsonChanges } from '../../lib/json-diff';
import { AppDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { DiffView } from '../../ui/json-view';
import { Callout } from '../../ui/states';
import { type ParamField, paramFields, paramsFromFields } from './param-fields';
import { ParamFieldsEditor } from './param-fields-editor';

type View = 'fields' | 'json';

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
  // Params that are not an object (never from a real tool) can only be edited as JSON.
  const [view, setView] = useState<View>(isJsonObject(params) ? 'fields' : 'json');
  const [fields, setFields] = useState<ParamField[]>(() =>
    isJsonObject(params) ? paramFields(tool, params) : [],
  );
  const [text, setText] = useState(() => prettyJson(params));
  const [comment, setComment] = useState('');
  const fromFields = useMemo(() => paramsFromFields(fields), [fields]);
  const fromText = useMemo(() => parseJsonObject(text), [text]);
  const parsed: ParseResult<Record<string, unknown>> =
    view === 'json'
      ? fromText
      : fromFields.ok
        ? fromFields
        : { ok: false, error: 'Correct the fields marked above.' };
  const switchTo = (next: View) => {
    if (next === view || !parsed.ok) return;
    if (next === 'json') setText(prettyJson(parsed.value));
    else setFields(paramFields(tool, parsed.value));
    setView(next);
  };
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
        <div className="param-view-bar">
          <span className="field-label" id="param-view-label">
            Parameters
          </span>
          <ToggleGroup.Root
            type="single"
            className="segmented"
            value={view}
            aria-labelledby="param-view-label"
            onValueChange={(value) => {
              if (value) switchTo(value as View);
            }}
          >
            <ToggleGroup.Item value="fields" className="segmented-item" disabled={!isJsonObject(params)}>
              Fields
            </ToggleGroup.Item>
            <ToggleGroup.Item value="json" className="segmented-item">
              JSON
            </ToggleGroup.Item>
          </ToggleGroup.Root>
        </div>
        {view === 'fields' ? (
          <ParamFieldsEditor
            fields={fields}
            errors={fromFields.ok ? {} : fromFields.errors}
            onChange={(key, value) =>
              setFields((current) =>
                current.map((field) => (field.key === key ? { ...field, text: value } : field)),
              )
            }
          />
        ) : (
          <Field label="Parameters (JSON)" error={fromText.ok ? undefined : fromText.error}>
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
        )}
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
