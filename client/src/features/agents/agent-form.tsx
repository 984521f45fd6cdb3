// AgentForm: create or edit an agent. Validates before sending and shows the server's
// BAD_USER_INPUT messages at the field they name.
import { type FormEvent, useState } from 'react';
import type { CombinedError } from 'urql';
import { formErrorsOf } from '../../api/graphql-errors';
import { RiskBadge } from '../../ui/badges';
import { Field } from '../../ui/field';
import { Callout } from '../../ui/states';
import {
  AGENT_FIELD_ALIASES,
  AGENT_FORM_FIELDS,
  type AgentFormErrors,
  type AgentFormValues,
  FALLBACK_MODELS,
  LLM_PROVIDERS,
  type LlmProviderName,
  parseProviderChoice,
  providerChoice,
  validateAgentForm,
} from './agent-form-values';

export interface ToolOption {
  name: string;
  description: string;
  configured: boolean;
  detail?: string;
  risk?: string | null;
}

export interface ProviderOption {
  provider: LlmProviderName;
  /** A named OpenAI-compatible endpoint of the server; null/absent for the provider itself. */
  endpoint?: string | null;
  configured: boolean;
  defaultModel?: string | null;
  models: readonly string[];
}

const PROVIDER_LABELS: Record<LlmProviderName, string> = {
  DEMO: 'Demo (scripted, no API key)',
  OPENAI: 'OpenAI (or compatible)',
  ANTHROPIC: 'Anthropic',
};

export function AgentForm({
  id,
  initial,
  tools,
  providers = [],
  onSubmit,
}: {
  /** The form element's id, for a submit button outside it (a dialog footer). */
  id: string;
  initial: AgentFormValues;
  tools: readonly ToolOption[];
  providers?: readonly ProviderOption[];
  /** Sends the values; resolves with the server's error, or null when it worked. */
  onSubmit: (values: AgentFormValues) => Promise<CombinedError | null>;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<AgentFormErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const set = <K extends keyof AgentFormValues>(field: K, value: AgentFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };
  const sameChoice = (item: ProviderOption, choice: { llmProvider: string; llmEndpoint: string }) =>
    item.provider === choice.llmProvider && (item.endpoint ?? '') === choice.llmEndpoint;
  const providerInfo = providers.find((item) => sameChoice(item, values));
  const endpoints = providers.filter((item) => item.endpoint);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = validateAgentForm(values);
    setErrors(problems);
    setGeneral([]);
    if (Object.keys(problems).length > 0) {
      focusFirstInvalid(id);
      return;
    }
    const error = await onSubmit(values);
    if (!error) return;
    const sorted = formErrorsOf(error, AGENT_FORM_FIELDS, AGENT_FIELD_ALIASES);
    setErrors(sorted.fields as AgentFormErrors);
    setGeneral(sorted.general);
    focusFirstInvalid(id);
  };

  return (
    <form id={id} className="form" onSubmit={submit} noValidate aria-label="Agent" data-testid="agent-form">
      {general.length > 0 ? (
        <Callout tone="danger" role="alert" title="The agent could not be saved">
          {general.join(' ')}
        </Callout>
      ) : null}
      <Field label="Name" error={errors.name}>
        {(control) => (
          <input
            {...control}
            className="input"
            name="name"
            value={values.name}
            onChange={(event) => set('name', event.target.value)}
            placeholder="Support Ticket Analyzer"
          />
        )}
      </Field>
      <Field label="Purpose" error={errors.purpose} hint="One sentence: what the agent is for.">
        {(control) => (
          <input
            {...control}
            className="input"
            name="purpose"
            value={values.purpose}
            onChange={(event) => set('purpose', event.target.value)}
          />
        )}
      </Field>
      <div className="form-row">
        <Field label="Provider" error={errors.llmProvider}>
          {(control) => (
            <select
              {...control}
              className="select"
              name="llmProvider"
              value={providerChoice(values)}
              onChange={(event) => {
                const choice = parseProviderChoice(event.target.value);
                const info = providers.find((item) => sameChoice(item, choice));
                set('llmProvider', choice.llmProvider);
                set('llmEndpoint', choice.llmEndpoint);
                set(
                  'llmModel',
                  info?.defaultModel ??
                    info?.models[0] ??
                    (choice.llmEndpoint ? '' : FALLBACK_MODELS[choice.llmProvider]),
                );
              }}
            >
              {LLM_PROVIDERS.map((provider) => (
                <option key={provider} value={provider}>
                  {PROVIDER_LABELS[provider]}
                </option>
              ))}
              {endpoints.map((item) => (
                <option
                  key={item.endpoint}
                  value={providerChoice({ llmProvider: item.provider, llmEndpoint: item.endpoint ?? '' })}
                >
                  {`${item.endpoint} (OpenAI-compatible endpoint)`}
                </option>
              ))}
              {values.llmEndpoint && !providerInfo ? (
                <option
                  value={providerChoice(values)}
                >{`${values.llmEndpoint} (not configured on this server)`}</option>
              ) : null}
            </select>
          )}
        </Field>
        <Field
          label="Model"
          error={errors.llmModel}
          hint={
            providerInfo && !providerInfo.configured
              ? 'This provider is not configured on the server.'
              : undefined
          }
        >
          {(control) => (
            <>
              <input
                {...control}
                className="input"
                name="llmModel"
                list={`${id}-models`}
                value={values.llmModel}
                onChange={(event) => set('llmModel', event.target.value)}
              />
              <datalist id={`${id}-models`}>
                {(providerInfo?.models ?? []).map((model) => (
                  <option key={model} value={model} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field
          label="Temperature"
          optional
          error={errors.temperature}
          hint="0 to 2; empty: the provider's default."
        >
          {(control) => (
            <input
              {...control}
              className="input"
              name="temperature"
              inputMode="decimal"
              value={values.temperature}
              onChange={(event) => set('temperature', event.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="fieldset" aria-describedby={errors.tools ? `${id}-tools-error` : undefined}>
        <legend className="field-label">Tools</legend>
        {tools.length === 0 ? <p className="muted small">Loading the server's tools…</p> : null}
        <div className="checkbox-grid">
          {tools.map((tool) => {
            const nameId = `${id}-tool-${tool.name}`;
            return (
              <label key={tool.name} className="checkbox-card">
                <input
                  type="checkbox"
                  name="tools"
                  value={tool.name}
                  aria-labelledby={nameId}
                  aria-describedby={`${nameId}-description`}
                  checked={values.tools.includes(tool.name)}
                  onChange={(event) =>
                    set(
                      'tools',
                      event.target.checked
                        ? [...values.tools, tool.name]
                        : values.tools.filter((name) => name !== tool.name),
                    )
                  }
                />
                <span style={{ minWidth: 0 }}>
                  <span className="row">
                    <span className="mono" style={{ fontWeight: 600 }} id={nameId}>
                      {tool.name}
                    </span>
                    {tool.risk ? <RiskBadge risk={tool.risk} /> : null}
                  </span>
                  <span className="checkbox-card-text" title={tool.description} id={`${nameId}-description`}>
                    {tool.description}
                  </span>
                  {tool.configured ? null : (
                    <span className="small" style={{ color: 'var(--warning-text)' }}>
                      Not configured on this server
                    </span>
                  )}
                </span>
              </label>
            );
          })}
        </div>
        {errors.tools ? (
          <div className="field-error" id={`${id}-tools-error`} style={{ marginTop: 6 }}>
            {errors.tools}
          </div>
        ) : null}
      </fieldset>
      <Field
        label="System prompt"
        optional
        error={errors.systemPrompt}
        hint="Instructions the model sees before every step."
      >
        {(control) => (
          <textarea
            {...control}
            className="textarea"
            name="systemPrompt"
            rows={5}
            value={values.systemPrompt}
            onChange={(event) => set('systemPrompt', event.target.value)}
          />
        )}
      </Field>
      <fieldset className="fieldset">
        <legend className="field-label">Budget</legend>
        <p className="field-hint" style={{ marginBottom: 8 }}>
          Checked before each step; an empty limit means no limit.
        </p>
        <div className="form-row">
          {(
            [
              ['maxSteps', 'Max steps', 'numeric'],
              ['maxTokens', 'Max tokens', 'numeric'],
              ['maxCostUsd', 'Max cost (USD)', 'decimal'],
            ] as const
          ).map(([field, label, inputMode]) => (
            <Field key={field} label={label} error={errors[field]}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  name={field}
                  inputMode={inputMode}
                  value={values[field]}
                  onChange={(event) => set(field, event.target.value)}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
    </form>
  );
}

function focusFirstInvalid(formId: string): void {
  window.requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`#${CSS.escape(formId)} [aria-invalid="true"]`)?.focus();
  });
}
