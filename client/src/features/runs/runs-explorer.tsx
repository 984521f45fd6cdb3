// The runs explorer: filters, full-text search and sort in the URL (a filtered view is a link),
// the matching runs a page at a time with their total, and an export of all of them.
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useClient } from 'urql';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import type { RunFilter, RunRowFieldsFragment, RunSort } from '../../gql/graphql';
import { formatInteger, humanizeEnum } from '../../lib/format';
import { CursorPager, useCursorPages } from '../../ui/cursor-pager';
import { type ControlProps, Field } from '../../ui/field';
import { PlayIcon } from '../../ui/icons';
import { Callout, EmptyState, ErrorState, LoadingState } from '../../ui/states';
import {
  type ExplorerState,
  explorerFilter,
  explorerParams,
  parseExplorerParams,
  RISK_LEVELS,
  RUN_SORTS,
  RUN_STATUSES,
} from './explorer-query';
import { downloadFile, type ExportFormat, fetchAllRuns, runsToCsv, runsToJsonl } from './runs-export';
import { RunsTable } from './runs-table';

export const EXPLORER_PAGE_SIZE = 25;

const RunsExplorerQuery = graphql(`
  query RunsExplorer($filter: RunFilter, $sort: RunSort, $after: String) {
    runs(filter: $filter, sort: $sort, first: 25, after: $after) {
      totalCount
      edges {
        node {
          ...RunRowFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ExplorerAgents = graphql(`
  query RunsExplorerAgents {
    agents(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** `datetime-local` value (the viewer's zone) ↔ ISO instant. */
function toLocalInput(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const date = new Date(ms);
  return new Date(ms - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
function fromLocalInput(value: string): string {
  return value ? new Date(value).toISOString() : '';
}

function ExplorerForm({
  applied,
  agents,
  errors,
  onApply,
}: {
  applied: ExplorerState;
  agents: readonly { id: string; name: string }[];
  errors: Partial<Record<keyof ExplorerState, string>>;
  onApply: (state: ExplorerState) => void;
}) {
  const [draft, setDraft] = useState(applied);
  // A new URL (back, a shared link, a chart's link) replaces what was being edited.
  useEffect(() => setDraft(applied), [applied]);
  const set = <K extends keyof ExplorerState>(key: K, value: ExplorerState[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="card card-body stack" onSubmit={submit} aria-label="Run filters">
      <div className="toolbar">
        <Field label="Search goals, thoughts and outputs" hint='Words, "a phrase", or, -word'>
          {(control) => (
            <input
              {...control}
              type="search"
              className="input"
              style={{ minWidth: 320 }}
              value={draft.q}
              maxLength={500}
              onChange={(event) => set('q', event.target.value)}
            />
          )}
        </Field>
        <Field label="Sort">
          {(control) => (
            <select
              {...control}
              className="select"
              value={draft.sort}
              onChange={(event) => onApply({ ...draft, sort: event.target.value as RunSort })}
            >
              {RUN_SORTS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="toolbar" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="field-label">Status</legend>
        {RUN_STATUSES.map((status) => (
          <label key={status} className="explorer-status">
            <input
              type="checkbox"
              checked={draft.status.includes(status)}
              onChange={(event) =>
                set(
                  'status',
                  event.target.checked
                    ? RUN_STATUSES.filter((s) => s === status || draft.status.includes(s))
                    : draft.status.filter((s) => s !== status),
                )
              }
            />{' '}
            {humanizeEnum(status)}
          </label>
        ))}
      </fieldset>
      <div className="toolbar">
        <Field label="Agent">
          {(control) => (
            <select
              {...control}
              className="select"
              value={draft.agent}
              onChange={(event) => set('agent', event.target.value)}
            >
              <option value="">All agents</option>
              {agents.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
              {draft.agent && !agents.some((agent) => agent.id === draft.agent) ? (
                <option value={draft.agent}>{draft.agent}</option>
              ) : null}
            </select>
          )}
        </Field>
        <Field label="Agent version" error={errors.version}>
          {(control) => (
            <NumberText
              control={control}
              mode="numeric"
              width={90}
              value={draft.version}
              onChange={(value) => set('version', value)}
            />
          )}
        </Field>
        <Field label="Started from" error={errors.since}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              className="input"
              value={toLocalInput(draft.since)}
              onChange={(event) => set('since', fromLocalInput(event.target.value))}
            />
          )}
        </Field>
        <Field label="Started before" error={errors.until}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              className="input"
              value={toLocalInput(draft.until)}
              onChange={(event) => set('until', fromLocalInput(event.target.value))}
            />
          )}
        </Field>
      </div>
      <div className="toolbar">
        <Field label="Tool used">
          {(control) => (
            <input
              {...control}
              className="input"
              value={draft.tool}
              onChange={(event) => set('tool', event.target.value)}
            />
          )}
        </Field>
        <Field label="Highest risk">
          {(control) => (
            <select
              {...control}
              className="select"
              value={draft.risk}
              onChange={(event) => set('risk', event.target.value as ExplorerState['risk'])}
            >
              <option value="">Any</option>
              {RISK_LEVELS.map((risk) => (
                <option key={risk} value={risk}>
                  {humanizeEnum(risk)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Annotated">
          {(control) => (
            <select
              {...control}
              className="select"
              value={draft.annotated}
              onChange={(event) => set('annotated', event.target.value as ExplorerState['annotated'])}
            >
              <option value="">Any</option>
              <option value="yes">With annotations</option>
              <option value="no">Without annotations</option>
            </select>
          )}
        </Field>
        <Field label="Min cost (USD)" error={errors.minCost}>
          {(control) => (
            <NumberText
              control={control}
              mode="decimal"
              width={110}
              value={draft.minCost}
              onChange={(value) => set('minCost', value)}
            />
          )}
        </Field>
        <Field label="Max cost (USD)" error={errors.maxCost}>
          {(control) => (
            <NumberText
              control={control}
              mode="decimal"
              width={110}
              value={draft.maxCost}
              onChange={(value) => set('maxCost', value)}
            />
          )}
        </Field>
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          onClick={() => onApply({ ...parseExplorerParams(new URLSearchParams()) })}
        >
          Clear
        </button>
        <button type="submit" className="btn btn-primary">
          Apply
        </button>
      </div>
    </form>
  );
}

function ExportButtons({ filter, sort, total }: { filter: RunFilter; sort: RunSort; total: number | null }) {
  const client = useClient();
  const [state, setState] = useState<{ busy: boolean; fetched: number; message: string | null }>({
    busy: false,
    fetched: 0,
    message: null,
  });
  const run = async (format: ExportFormat) => {
    setState({ busy: true, fetched: 0, message: null });
    try {
      const { runs, truncated } = await fetchAllRuns(client, filter, sort, (fetched) =>
        setState((current) => ({ ...current, fetched })),
      );
      const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19);
      if (format === 'csv') downloadFile(`runs-${stamp}.csv`, 'text/csv', runsToCsv(runs));
      else downloadFile(`runs-${stamp}.jsonl`, 'application/x-ndjson', runsToJsonl(runs));
      setState({
        busy: false,
        fetched: runs.length,
        message: `Exported ${formatInteger(runs.length)} runs${truncated ? ' (the most one export holds: narrow the filter for the rest)' : ''}.`,
      });
    } catch (error) {
      setState({ busy: false, fetched: 0, message: `Export failed: ${(error as Error).message}` });
    }
  };
  return (
    <div className="toolbar">
      <button
        type="button"
        className="btn btn-sm"
        disabled={state.busy || total === 0}
        onClick={() => run('csv')}
      >
        Export CSV
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={state.busy || total === 0}
        onClick={() => run('jsonl')}
      >
        Export JSONL
      </button>
      <span className="muted small" role="status">
        {state.busy ? `Fetching… ${formatInteger(state.fetched)} runs` : (state.message ?? '')}
      </span>
    </div>
  );
}

export function RunsExplorer() {
  const [params, setParams] = useSearchParams();
  const applied = useMemo(() => parseExplorerParams(params), [params]);
  const parsed = explorerFilter(applied);
  const filter = 'filter' in parsed ? parsed.filter : null;
  const pages = useCursorPages();
  const key = params.toString();
  // A new filter starts from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is the dependency
  useEffect(() => pages.reset(), [key]);
  const [agents] = useStickyQuery({ query: ExplorerAgents });
  const [{ data, error, fetching }, refetch] = useStickyQuery({
    query: RunsExplorerQuery,
    variables: { filter: filter ?? {}, sort: applied.sort, after: pages.after },
    pause: filter === null,
  });
  const runs = (data?.runs.edges.map((edge) => edge.node) ?? []) as RunRowFieldsFragment[];
  const total = data?.runs.totalCount ?? null;
  return (
    <div className="stack-lg">
      <ExplorerForm
        applied={applied}
        agents={(agents.data?.agents.edges ?? []).map((edge) => edge.node)}
        errors={'errors' in parsed ? parsed.errors : {}}
        onApply={(state) => setParams(explorerParams(state))}
      />
      {'errors' in parsed ? (
        <Callout tone="warning" role="alert">
          Fix the marked filters to see runs.
        </Callout>
      ) : null}
      {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      {fetching && !data ? <LoadingState label="Loading runs…" /> : null}
      {data && filter ? (
        <section className="card" aria-label="Matching runs">
          <div className="card-header">
            <h2 data-testid="runs-total">
              {formatInteger(total ?? 0)} {total === 1 ? 'run' : 'runs'}
            </h2>
            <ExportButtons filter={filter} sort={applied.sort} total={total} />
          </div>
          {runs.length === 0 ? (
            <EmptyState title="No runs match" icon={<PlayIcon size={20} />}>
              Change or clear the filters.
            </EmptyState>
          ) : (
            <RunsTable runs={runs} label="Runs" />
          )}
          <CursorPager pages={pages} pageInfo={data.runs.pageInfo} showPageNumber />
        </section>
      ) : null}
    </div>
  );
}

/** A number typed as text (checked when the filter is applied, so a half-typed value is kept). */
function NumberText({
  control,
  mode,
  width,
  value,
  onChange,
}: {
  control: ControlProps;
  mode: 'numeric' | 'decimal';
  width: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <input
      {...control}
      className="input"
      inputMode={mode}
      style={{ width }}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
