// The policy editor: rules as JSON or as a form of rows (the same rules: a view with errors cannot
// be left, so switching loses nothing), checked as you type, saved as a new version with an
// optional change note. A save against a version someone else already replaced is refused and
// said so, with the way out.
import { ToggleGroup } from 'radix-ui';
import { type FormEvent, useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorCode, formErrorsOf, hasErrorCode } from '../../api/graphql-errors';
import { graphql } from '../../gql';
import type { PolicyFieldsFragment } from '../../gql/graphql';
import { prettyJson } from '../../lib/json';
import { Field } from '../../ui/field';
import { Callout } from '../../ui/states';
import { PolicyBacktest } from './policy-backtest';
import { type RowErrors, type RuleRow, rowsFromRules, rulesFromRows } from './policy-form';
import { checkRules, describeRulePath, RULES_TEMPLATE, type RulesCheck } from './policy-rules';
import { PolicyRulesForm } from './policy-rules-form';

type View = 'form' | 'json';

/** The rules a view holds, or why they cannot be saved (and each row's errors, in the form). */
function checkView(
  view: View,
  text: string,
  rows: readonly RuleRow[],
): RulesCheck & { rowErrors: RowErrors[] } {
  if (view === 'json') return { ...checkRules(text), rowErrors: [] };
  const built = rulesFromRows(rows);
  return built.ok
    ? { ok: true, rules: built.rules, rowErrors: [] }
    : { ok: false, error: 'Correct the fields marked in the rules.', rowErrors: built.errors };
}

const CreatePolicy = graphql(`
  mutation CreatePolicy($input: CreatePolicyInput!) {
    createPolicy(input: $input) {
      ...PolicyFields
    }
  }
`);

const UpdatePolicy = graphql(`
  mutation UpdatePolicy($id: ID!, $input: UpdatePolicyInput!) {
    updatePolicy(id: $id, input: $input) {
      ...PolicyFields
    }
  }
`);

function ruleMessage(message: string, path: string | undefined): string {
  const where = path ? describeRulePath(path) : null;
  return where ? `${where}: ${message}` : message;
}

type Errors = { name?: string; rules?: string; note?: string; general: string[]; conflict?: string };

export function PolicyEditor({
  policy,
  onSaved,
  onReload,
}: {
  /** Null: a new policy. */
  policy: PolicyFieldsFragment | null;
  onSaved: (policyId: string) => void;
  /** Loads the latest version (after a conflict). */
  onReload: () => void;
}) {
  const [name, setName] = useState(policy?.name ?? '');
  const [description, setDescription] = useState(policy?.description ?? '');
  const [text, setText] = useState(policy ? prettyJson(policy.rules) : RULES_TEMPLATE);
  const [view, setView] = useState<View>('json');
  const [rows, setRows] = useState<RuleRow[]>([]);
  const [note, setNote] = useState('');
  const [baseVersion, setBaseVersion] = useState(policy?.version ?? 0);
  const [errors, setErrors] = useState<Errors>({ general: [] });
  const [saved, setSaved] = useState<string | null>(null);
  const [createState, createPolicy] = useMutation(CreatePolicy);
  const [updateState, updatePolicy] = useMutation(UpdatePolicy);
  // "Load the latest version": once the reloaded policy arrives, start over from it.
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!loading || !policy || policy.version === baseVersion) return;
    setText(prettyJson(policy.rules));
    setRows(rowsFromRules(policy.rules as Record<string, unknown>[]));
    setBaseVersion(policy.version);
    setLoading(false);
    setErrors({ general: [] });
  }, [loading, policy, baseVersion]);
  const loadLatest = () => {
    setLoading(true);
    onReload();
  };
  const check = checkView(view, text, rows);
  const switchTo = (next: View) => {
    if (next === view || !check.ok) return;
    if (next === 'json') setText(prettyJson(check.rules));
    else setRows(rowsFromRules(check.rules as Record<string, unknown>[]));
    setView(next);
    if (errors.rules) setErrors((current) => ({ ...current, rules: undefined }));
  };
  const busy = createState.fetching || updateState.fetching;
  const outdated = policy !== null && policy.version !== baseVersion;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const found: Errors = { general: [] };
    if (!policy && name.trim() === '') found.name = 'Give the policy a name.';
    if (!check.ok) found.rules = check.error;
    setErrors(found);
    if (found.name || found.rules || !check.ok) return;
    const result = policy
      ? await updatePolicy({
          id: policy.id,
          input: {
            rules: check.rules,
            expectedVersion: baseVersion,
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        })
      : await createPolicy({
          input: {
            name: name.trim(),
            rules: check.rules,
            ...(description.trim() ? { description: description.trim() } : {}),
          },
        });
    if (result.error) {
      const sorted = formErrorsOf(
        result.error,
        ['name', 'rules', 'expectedVersion', 'description', 'note'],
        {},
      );
      const stale =
        hasErrorCode(result.error, ErrorCode.Conflict) || sorted.fields.expectedVersion !== undefined;
      setErrors({
        ...(sorted.fields.name ? { name: sorted.fields.name } : {}),
        ...(sorted.fields.rules ? { rules: ruleMessage(sorted.fields.rules, sorted.paths.rules) } : {}),
        ...(sorted.fields.note ? { note: sorted.fields.note } : {}),
        general: [...sorted.general, ...(sorted.fields.description ? [sorted.fields.description] : [])],
        ...(stale
          ? {
              conflict: `Someone saved a new version of this policy while you were editing (${sorted.fields.expectedVersion ?? 'the version you started from is no longer the latest'}).`,
            }
          : {}),
      });
      return;
    }
    const data = result.data as
      | { updatePolicy?: PolicyFieldsFragment; createPolicy?: PolicyFieldsFragment }
      | undefined;
    const savedPolicy = data?.updatePolicy ?? data?.createPolicy;
    if (savedPolicy) {
      setBaseVersion(savedPolicy.version);
      setNote('');
      setSaved(`Saved as version ${savedPolicy.version}.`);
      onSaved(savedPolicy.id);
    }
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={policy ? `Edit ${policy.name}` : 'New policy'}
    >
      {errors.conflict ? (
        <Callout tone="warning" role="alert" title="This policy changed meanwhile">
          {errors.conflict} Your edits are still here: load the latest version, then apply them again.
          <div style={{ marginTop: 8 }}>
            <button type="button" className="btn btn-sm" onClick={loadLatest} disabled={loading}>
              Load the latest version
            </button>
          </div>
        </Callout>
      ) : null}
      {outdated && !errors.conflict ? (
        <Callout tone="info">
          Version {policy?.version} is now the latest; you are editing from version {baseVersion}.{' '}
          <button type="button" className="btn btn-sm" onClick={loadLatest} disabled={loading}>
            Load version {policy?.version}
          </button>
        </Callout>
      ) : null}
      {errors.general.length > 0 ? (
        <Callout tone="danger" role="alert">
          {errors.general.join(' ')}
        </Callout>
      ) : null}
      {saved ? (
        <Callout tone="success" role="status">
          {saved}
        </Callout>
      ) : null}
      {policy ? null : (
        <>
          <Field label="Name" error={errors.name}>
            {(control) => (
              <input
                {...control}
                className="input"
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
          <Field label="Description" optional>
            {(control) => (
              <input
                {...control}
                className="input"
                value={description}
                onChange={(event) => setDescription(event.target.value)}
              />
            )}
          </Field>
        </>
      )}
      <div className="param-view-bar">
        <span className="field-label" id="rules-view-label">
          Rules
        </span>
        <ToggleGroup.Root
          type="single"
          className="segmented"
          value={view}
          aria-labelledby="rules-view-label"
          onValueChange={(value) => {
            if (value) switchTo(value as View);
          }}
        >
          <ToggleGroup.Item value="form" className="segmented-item" disabled={view === 'json' && !check.ok}>
            Form
          </ToggleGroup.Item>
          <ToggleGroup.Item value="json" className="segmented-item" disabled={view === 'form' && !check.ok}>
            JSON
          </ToggleGroup.Item>
        </ToggleGroup.Root>
      </div>
      {view === 'form' ? (
        <>
          <PolicyRulesForm
            rows={rows}
            errors={check.rowErrors}
            onChange={(next) => {
              setRows(next);
              if (errors.rules) setErrors((current) => ({ ...current, rules: undefined }));
            }}
          />
          {errors.rules ? (
            <div className="field-error" role="alert">
              {errors.rules}
            </div>
          ) : null}
        </>
      ) : (
        <Field
          label="Rules (JSON)"
          error={errors.rules ?? (check.ok ? undefined : check.error)}
          hint={
            check.ok
              ? `${check.rules.length} rule${check.rules.length === 1 ? '' : 's'}. Each matches a tool (and params, agent, totals) and sets a risk: LOW, MEDIUM run; HIGH asks for approval; CRITICAL is blocked.`
              : undefined
          }
        >
          {(control) => (
            <textarea
              {...control}
              className="textarea code"
              rows={18}
              spellCheck={false}
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                if (errors.rules) setErrors((current) => ({ ...current, rules: undefined }));
              }}
            />
          )}
        </Field>
      )}
      {!check.ok ? (
        <p className="muted small">
          Correct the rules to switch views or save: the other view shows the same rules.
        </p>
      ) : null}
      {policy ? <PolicyBacktest policyId={policy.id} rules={check.ok ? check.rules : null} /> : null}
      {policy ? (
        <Field
          label="Change note"
          optional
          error={errors.note}
          hint="Kept with the new version: why the rules change."
        >
          {(control) => (
            <input
              {...control}
              className="input"
              maxLength={500}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          )}
        </Field>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !check.ok}>
          {busy ? 'Saving…' : policy ? `Save as version ${baseVersion + 1}` : 'Create policy'}
        </button>
      </div>
    </form>
  );
}
