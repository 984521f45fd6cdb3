// The agent form's values, their validation, and their mapping to the API's inputs. Pure.
export const LLM_PROVIDERS = ['DEMO', 'OPENAI', 'ANTHROPIC'] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

/** What the form holds: numbers stay text until submitted, so a half-typed value is not lost. */
export interface AgentFormValues {
  name: string;
  purpose: string;
  llmProvider: LlmProviderName;
  /** A named OpenAI-compatible endpoint of the server ('' = the provider's own endpoint). */
  llmEndpoint: string;
  llmModel: string;
  temperature: string;
  tools: string[];
  systemPrompt: string;
  maxSteps: string;
  maxTokens: string;
  maxCostUsd: string;
}

export type AgentFormField = keyof AgentFormValues;
export type AgentFormErrors = Partial<Record<AgentFormField, string>>;

export const AGENT_FORM_FIELDS: readonly AgentFormField[] = [
  'name',
  'purpose',
  'llmProvider',
  'llmModel',
  'temperature',
  'tools',
  'systemPrompt',
  'maxSteps',
  'maxTokens',
  'maxCostUsd',
];

/** Where the server's field paths (input or event) land on the form. */
export const AGENT_FIELD_ALIASES: Readonly<Record<string, AgentFormField>> = {
  llm: 'llmModel',
  'llm.provider': 'llmProvider',
  // The endpoint is chosen in the provider select.
  llmEndpoint: 'llmProvider',
  'llm.endpoint': 'llmProvider',
  'llm.model': 'llmModel',
  'llm.temperature': 'temperature',
  'budget.maxSteps': 'maxSteps',
  'budget.maxTokens': 'maxTokens',
  'budget.maxCostUsd': 'maxCostUsd',
  budget: 'maxSteps',
};

/** A model each provider is known to serve, until the server's integration status says better. */
export const FALLBACK_MODELS: Readonly<Record<LlmProviderName, string>> = {
  DEMO: 'demo-scripted-v1',
  OPENAI: 'gpt-4o-mini',
  ANTHROPIC: 'claude-3-5-haiku-latest',
};

export function emptyAgentForm(): AgentFormValues {
  return {
    name: '',
    purpose: '',
    llmProvider: 'DEMO',
    llmEndpoint: '',
    llmModel: FALLBACK_MODELS.DEMO,
    temperature: '',
    tools: [],
    systemPrompt: '',
    maxSteps: '12',
    maxTokens: '',
    maxCostUsd: '',
  };
}

export interface AgentLike {
  name: string;
  purpose: string;
  llmProvider: LlmProviderName;
  llmEndpoint?: string | null;
  llmModel: string;
  temperature?: number | null;
  tools: readonly string[];
  systemPrompt: string;
  budget: { maxSteps?: number | null; maxTokens?: number | null; maxCostUsd?: number | null };
}

export function agentToForm(agent: AgentLike): AgentFormValues {
  const text = (value: number | null | undefined) => (value == null ? '' : String(value));
  return {
    name: agent.name,
    purpose: agent.purpose,
    llmProvider: agent.llmProvider,
    llmEndpoint: agent.llmEndpoint ?? '',
    llmModel: agent.llmModel,
    temperature: text(agent.temperature),
    tools: [...agent.tools],
    systemPrompt: agent.systemPrompt,
    maxSteps: text(agent.budget.maxSteps),
    maxTokens: text(agent.budget.maxTokens),
    maxCostUsd: text(agent.budget.maxCostUsd),
  };
}

const MAX_NAME = 200;

/** Problems a person can fix before submitting; the server checks again and may find more. */
export function validateAgentForm(values: AgentFormValues): AgentFormErrors {
  const errors: AgentFormErrors = {};
  const name = values.name.trim();
  if (name === '') errors.name = 'Give the agent a name.';
  else if (name.length > MAX_NAME) errors.name = `Keep the name under ${MAX_NAME} characters.`;
  if (values.purpose.trim() === '') errors.purpose = 'Say what the agent is for.';
  if (!LLM_PROVIDERS.includes(values.llmProvider)) errors.llmProvider = 'Choose a provider.';
  if (values.llmModel.trim() === '') errors.llmModel = 'Name the model, e.g. gpt-4o-mini.';
  const temperature = numberOrProblem(values.temperature, { min: 0, max: 2 });
  if (typeof temperature === 'string') errors.temperature = `Temperature: ${temperature}`;
  for (const field of ['maxSteps', 'maxTokens'] as const) {
    const value = numberOrProblem(values[field], { integer: true, positive: true });
    if (typeof value === 'string') errors[field] = value;
  }
  const cost = numberOrProblem(values.maxCostUsd, { positive: true });
  if (typeof cost === 'string') errors.maxCostUsd = cost;
  return errors;
}

/** The number typed, undefined when empty, or a sentence saying what is wrong with it. */
function numberOrProblem(
  text: string,
  rules: { integer?: boolean; positive?: boolean; min?: number; max?: number },
): number | undefined | string {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return 'Enter a number.';
  if (rules.integer && !Number.isInteger(value)) return 'Enter a whole number.';
  if (rules.positive && value <= 0) return 'Enter a number above zero, or leave it empty for no limit.';
  if (rules.min !== undefined && value < rules.min) return `must be at least ${rules.min}.`;
  if (rules.max !== undefined && value > rules.max) return `must be at most ${rules.max}.`;
  return value;
}

function optionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim());
}

function budgetOf(values: AgentFormValues): AgentInput['budget'] {
  const budget: AgentInput['budget'] = {};
  const steps = optionalNumber(values.maxSteps);
  const tokens = optionalNumber(values.maxTokens);
  const cost = optionalNumber(values.maxCostUsd);
  if (steps !== undefined) budget.maxSteps = steps;
  if (tokens !== undefined) budget.maxTokens = tokens;
  if (cost !== undefined) budget.maxCostUsd = cost;
  return budget;
}

export interface AgentInput {
  name: string;
  purpose: string;
  llmProvider: LlmProviderName;
  /** Sent on create only when set; on update '' goes back to the provider's own endpoint. */
  llmEndpoint?: string;
  llmModel: string;
  temperature?: number;
  tools: string[];
  systemPrompt: string;
  budget: { maxSteps?: number; maxTokens?: number; maxCostUsd?: number };
}

/** The `createAgent` input of valid form values. */
export function toAgentInput(values: AgentFormValues): AgentInput {
  const temperature = optionalNumber(values.temperature);
  return {
    name: values.name.trim(),
    purpose: values.purpose.trim(),
    llmProvider: values.llmProvider,
    ...(values.llmEndpoint !== '' ? { llmEndpoint: values.llmEndpoint } : {}),
    llmModel: values.llmModel.trim(),
    ...(temperature !== undefined ? { temperature } : {}),
    tools: [...values.tools],
    systemPrompt: values.systemPrompt,
    budget: budgetOf(values),
  };
}

/**
 * The `updateAgent` input: only what changed (the server records a version per change), or null
 * when nothing did. The budget is sent whole, as the event replaces it whole.
 */
export function toAgentChanges(
  values: AgentFormValues,
  original: AgentFormValues,
): Partial<AgentInput> | null {
  const next = toAgentInput(values);
  const before = toAgentInput(original);
  const changes: Partial<AgentInput> = {};
  if (next.name !== before.name) changes.name = next.name;
  if (next.purpose !== before.purpose) changes.purpose = next.purpose;
  if (
    next.llmProvider !== before.llmProvider ||
    next.llmModel !== before.llmModel ||
    (next.llmEndpoint ?? '') !== (before.llmEndpoint ?? '')
  ) {
    changes.llmProvider = next.llmProvider;
    changes.llmEndpoint = next.llmEndpoint ?? '';
    changes.llmModel = next.llmModel;
  }
  if (next.temperature !== before.temperature && next.temperature !== undefined) {
    changes.temperature = next.temperature;
  }
  if ([...next.tools].sort().join() !== [...before.tools].sort().join()) changes.tools = next.tools;
  if (next.systemPrompt !== before.systemPrompt) changes.systemPrompt = next.systemPrompt;
  if (JSON.stringify(next.budget) !== JSON.stringify(before.budget)) changes.budget = next.budget;
  return Object.keys(changes).length > 0 ? changes : null;
}

/** The provider select's value: the provider, or `OPENAI@<endpoint>` for a named endpoint. */
export function providerChoice(values: Pick<AgentFormValues, 'llmProvider' | 'llmEndpoint'>): string {
  return values.llmEndpoint ? `${values.llmProvider}@${values.llmEndpoint}` : values.llmProvider;
}

/** Reads a {@link providerChoice} back. */
export function parseProviderChoice(choice: string): { llmProvider: LlmProviderName; llmEndpoint: string } {
  const at = choice.indexOf('@');
  const provider = (at < 0 ? choice : choice.slice(0, at)) as LlmProviderName;
  return { llmProvider: provider, llmEndpoint: at < 0 ? '' : choice.slice(at + 1) };
}
