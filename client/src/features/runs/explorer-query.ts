// Pure: the runs explorer's filter, sort and search as URL query parameters (so that a filtered
// view can be shared as a link) and as the API's RunFilter.
import type { RiskLevel, RunFilter, RunSort, RunStatus } from '../../gql/graphql';

export const RUN_STATUSES: readonly RunStatus[] = [
  'QUEUED',
  'RUNNING',
  'WAITING_FOR_APPROVAL',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
] as RunStatus[];
export const RISK_LEVELS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as RiskLevel[];
export const RUN_SORTS: readonly { value: RunSort; label: string }[] = [
  { value: 'STARTED_DESC' as RunSort, label: 'Newest first' },
  { value: 'STARTED_ASC' as RunSort, label: 'Oldest first' },
  { value: 'COST_DESC' as RunSort, label: 'Most expensive' },
  { value: 'COST_ASC' as RunSort, label: 'Cheapest' },
  { value: 'STEPS_DESC' as RunSort, label: 'Most steps' },
  { value: 'STEPS_ASC' as RunSort, label: 'Fewest steps' },
  { value: 'DURATION_DESC' as RunSort, label: 'Longest' },
  { value: 'DURATION_ASC' as RunSort, label: 'Shortest' },
];
export const DEFAULT_SORT = 'STARTED_DESC' as RunSort;

/** Everything the explorer's URL can hold; '' and [] mean "any". */
export interface ExplorerState {
  q: string;
  status: RunStatus[];
  agent: string;
  version: string;
  /** ISO instants. */
  since: string;
  until: string;
  tool: string;
  risk: RiskLevel | '';
  /** 'yes': a step was annotated; 'no': none was. */
  annotated: '' | 'yes' | 'no';
  minCost: string;
  maxCost: string;
  sort: RunSort;
}

export const EMPTY_EXPLORER: ExplorerState = {
  q: '',
  status: [],
  agent: '',
  version: '',
  since: '',
  until: '',
  tool: '',
  risk: '',
  annotated: '',
  minCost: '',
  maxCost: '',
  sort: DEFAULT_SORT,
};

const TEXT_KEYS = ['q', 'agent', 'version', 'since', 'until', 'tool', 'minCost', 'maxCost'] as const;

/** The state a URL describes; unknown values (a mistyped status, sort or risk) are dropped. */
export function parseExplorerParams(params: URLSearchParams): ExplorerState {
  const state: ExplorerState = { ...EMPTY_EXPLORER };
  for (const key of TEXT_KEYS) state[key] = params.get(key) ?? '';
  state.status = (params.get('status') ?? '')
    .split(',')
    .filter((value): value is RunStatus => RUN_STATUSES.includes(value as RunStatus));
  const risk = params.get('risk') ?? '';
  state.risk = RISK_LEVELS.includes(risk as RiskLevel) ? (risk as RiskLevel) : '';
  const annotated = params.get('annotated');
  state.annotated = annotated === 'yes' || annotated === 'no' ? annotated : '';
  const sort = params.get('sort') ?? '';
  state.sort = RUN_SORTS.some((option) => option.value === sort) ? (sort as RunSort) : DEFAULT_SORT;
  return state;
}

/** The URL parameters of a state: only what is set, in a fixed order, so equal views share a link. */
export function explorerParams(state: ExplorerState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q);
  if (state.status.length) params.set('status', state.status.join(','));
  for (const key of ['agent', 'version', 'since', 'until', 'tool'] as const) {
    if (state[key].trim()) params.set(key, state[key].trim());
  }
  if (state.risk) params.set('risk', state.risk);
  if (state.annotated) params.set('annotated', state.annotated);
  if (state.minCost.trim()) params.set('minCost', state.minCost.trim());
  if (state.maxCost.trim()) params.set('maxCost', state.maxCost.trim());
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  return params;
}

/** The API filter of a state, or what is wrong with it (field → message) for the form to show. */
export function explorerFilter(
  state: ExplorerState,
): { filter: RunFilter } | { errors: Partial<Record<keyof ExplorerState, string>> } {
  const errors: Partial<Record<keyof ExplorerState, string>> = {};
  const filter: RunFilter = {};
  if (state.q.trim()) filter.search = state.q;
  if (state.status.length) filter.status = state.status;
  if (state.agent.trim()) filter.agentId = state.agent.trim();
  if (state.version.trim()) {
    const version = Number(state.version);
    if (Number.isInteger(version) && version >= 1) filter.agentVersion = version;
    else errors.version = 'A version is a whole number from 1';
  }
  for (const key of ['since', 'until'] as const) {
    if (!state[key]) continue;
    if (Number.isNaN(Date.parse(state[key]))) errors[key] = 'Not a date and time';
    else filter[key] = new Date(state[key]).toISOString();
  }
  if (filter.since && filter.until && filter.since >= filter.until) errors.until = 'Must be after “from”';
  if (state.tool.trim()) filter.tool = state.tool.trim();
  if (state.risk) filter.riskReached = state.risk;
  if (state.annotated) filter.annotated = state.annotated === 'yes';
  for (const [key, field] of [
    ['minCost', 'minCostUsd'],
    ['maxCost', 'maxCostUsd'],
  ] as const) {
    if (!state[key].trim()) continue;
    const usd = Number(state[key]);
    if (Number.isFinite(usd) && usd >= 0) filter[field] = usd;
    else errors[key] = 'An amount in dollars, 0 or more';
  }
  if (filter.minCostUsd != null && filter.maxCostUsd != null && filter.minCostUsd > filter.maxCostUsd)
    errors.maxCost = 'Must not be below the minimum';
  return Object.keys(errors).length ? { errors } : { filter };
}

/** A link to the explorer showing `state` (other fields at their defaults). */
export function runsExplorerHref(state: Partial<ExplorerState>): string {
  const query = explorerParams({ ...EMPTY_EXPLORER, ...state }).toString();
  return query ? `/runs?${query}` : '/runs';
}
