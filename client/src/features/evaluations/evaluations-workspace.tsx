// The evaluations page: datasets (create, add items by hand or from a run), evaluations (start one
// of an agent version with chosen scorers; see totals), and the item-by-item comparison of two.
import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ScorerInput } from '../../gql/graphql';
import { formatCost, formatDateTime, formatDuration, formatPercent, shortId } from '../../lib/format';
import { Badge } from '../../ui/badges';
import { DateTime } from '../../ui/date-time';
import { Field } from '../../ui/field';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { EvaluationCompare } from './evaluation-compare';

const EvaluationsWorkspaceQuery = graphql(`
  query EvaluationsWorkspace {
    datasets {
      id
      name
      description
      itemCount
      createdAt
    }
    evaluations {
      id
      datasetId
      dataset {
        name
      }
      agentId
      agent {
        name
      }
      agentVersion
      status
      itemCount
      scoredCount
      passedCount
      score
      costUsd
      meanLatencyMs
      startedAt
    }
    agents(first: 100) {
      edges {
        node {
          id
          name
          version
        }
      }
    }
  }
`);

const CreateDataset = graphql(`
  mutation CreateDataset($input: CreateDatasetInput!) {
    createDataset(input: $input) {
      id
      name
      itemCount
    }
  }
`);

const AddDatasetItems = graphql(`
  mutation AddDatasetItems($datasetId: ID!, $items: [DatasetItemInput!]!) {
    addDatasetItems(datasetId: $datasetId, items: $items) {
      id
      itemCount
    }
  }
`);

const StartEvaluation = graphql(`
  mutation StartEvaluation($input: StartEvaluationInput!) {
    startEvaluation(input: $input) {
      id
      status
    }
  }
`);

type Workspace = NonNullable<ReturnType<typeof useWorkspace>[0]['data']>;

function useWorkspace() {
  return useQuery({ query: EvaluationsWorkspaceQuery, requestPolicy: 'cache-and-network' });
}

function CreateDatasetForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [state, create] = useMutation(CreateDataset);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ input: { name } });
    if (!result.error) {
      setName('');
      onDone();
    }
  };
  return (
    <form className="row" style={{ alignItems: 'flex-end' }} onSubmit={submit} aria-label="New dataset">
      <Field label="Dataset name" error={state.error?.graphQLErrors[0]?.message}>
        {(control) => (
          <input {...control} className="input" value={name} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="btn btn-sm" disabled={name.trim() === '' || state.fetching}>
        Create
      </button>
    </form>
  );
}

function AddItemForm({ datasetId, onDone }: { datasetId: string; onDone: () => void }) {
  const [goal, setGoal] = useState('');
  const [expected, setExpected] = useState('');
  const [runId, setRunId] = useState('');
  const [state, add] = useMutation(AddDatasetItems);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const item = runId.trim()
      ? { runId: runId.trim() }
      : { goal, ...(expected.trim() ? { expectedOutput: expected } : {}) };
    const result = await add({ datasetId, items: [item] });
    if (!result.error) {
      setGoal('');
      setExpected('');
      setRunId('');
      onDone();
    }
  };
  return (
    <form className="stack-sm" onSubmit={submit} aria-label="Add an item">
      <Field label="Goal">
        {(control) => (
          <input {...control} className="input" value={goal} onChange={(e) => setGoal(e.target.value)} />
        )}
      </Field>
      <Field label="Expected output" optional>
        {(control) => (
          <input
            {...control}
            className="input"
            value={expected}
            onChange={(e) => setExpected(e.target.value)}
          />
        )}
      </Field>
      <Field label="Or take it from run (id)" optional error={state.error?.graphQLErrors[0]?.message}>
        {(control) => (
          <input
            {...control}
            className="input mono"
            value={runId}
            onChange={(e) => setRunId(e.target.value)}
          />
        )}
      </Field>
      <button
        type="submit"
        className="btn btn-sm"
        disabled={(goal.trim() === '' && runId.trim() === '') || state.fetching}
      >
        Add item
      </button>
    </form>
  );
}

/** The scorers offered by checkbox; the API takes more (regex, JSON schema, tool sequence, tokens, cost). */
function scorersFrom(choice: {
  contains: boolean;
  exact: boolean;
  judge: boolean;
  maxSteps: string;
  regex: string;
}) {
  const scorers: ScorerInput[] = [];
  if (choice.contains) scorers.push({ kind: 'CONTAINS', name: 'contains expected' });
  if (choice.exact) scorers.push({ kind: 'EXACT', name: 'exact match' });
  if (choice.regex.trim()) scorers.push({ kind: 'REGEX', name: 'regex', pattern: choice.regex, flags: 'i' });
  if (choice.maxSteps.trim())
    scorers.push({ kind: 'MAX_STEPS', name: 'max steps', max: Number(choice.maxSteps) });
  if (choice.judge) {
    scorers.push({
      kind: 'LLM_JUDGE',
      name: 'judge',
      provider: 'DEMO',
      model: 'demo-judge',
      rubric: 'The output answers the goal and agrees with the expected output.',
    });
  }
  return scorers;
}

function StartEvaluationForm({
  data,
  datasetId,
  onDone,
}: {
  data: Workspace;
  datasetId: string;
  onDone: () => void;
}) {
  const agents = data.agents.edges.map((edge) => edge.node);
  const [agentId, setAgentId] = useState(agents[0]?.id ?? '');
  const agent = agents.find((a) => a.id === agentId);
  const [version, setVersion] = useState('');
  const [choice, setChoice] = useState({
    contains: true,
    exact: false,
    judge: true,
    maxSteps: '',
    regex: '',
  });
  const [concurrency, setConcurrency] = useState('4');
  const [state, start] = useMutation(StartEvaluation);
  const scorers = scorersFrom(choice);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await start({
      input: {
        datasetId,
        agentId,
        agentVersion: Number(version || agent?.version || 1),
        scorers,
        concurrency: Number(concurrency),
      },
    });
    if (!result.error) onDone();
  };
  const toggle = (key: 'contains' | 'exact' | 'judge') => setChoice({ ...choice, [key]: !choice[key] });
  return (
    <form className="stack-sm" onSubmit={submit} aria-label="Start an evaluation">
      <Field label="Agent">
        {(control) => (
          <select {...control} className="input" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} (latest v{a.version})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Agent version" hint={`Default: the latest (${agent?.version ?? '—'}).`} optional>
        {(control) => (
          <input
            {...control}
            className="input"
            inputMode="numeric"
            value={version}
            onChange={(e) => setVersion(e.target.value)}
          />
        )}
      </Field>
      <fieldset className="stack-sm">
        <legend>Scorers</legend>
        <label className="explorer-status">
          <input type="checkbox" checked={choice.contains} onChange={() => toggle('contains')} /> Output
          contains the expected output
        </label>
        <label className="explorer-status">
          <input type="checkbox" checked={choice.exact} onChange={() => toggle('exact')} /> Output is exactly
          the expected output
        </label>
        <label className="explorer-status">
          <input type="checkbox" checked={choice.judge} onChange={() => toggle('judge')} /> LLM judge (demo
          provider: deterministic, no key)
        </label>
      </fieldset>
      <Field label="Output matches regex" optional>
        {(control) => (
          <input
            {...control}
            className="input mono"
            value={choice.regex}
            onChange={(e) => setChoice({ ...choice, regex: e.target.value })}
          />
        )}
      </Field>
      <Field label="At most this many steps" optional>
        {(control) => (
          <input
            {...control}
            className="input"
            inputMode="numeric"
            value={choice.maxSteps}
            onChange={(e) => setChoice({ ...choice, maxSteps: e.target.value })}
          />
        )}
      </Field>
      <Field label="Runs at once" error={state.error?.graphQLErrors[0]?.message}>
        {(control) => (
          <input
            {...control}
            className="input"
            inputMode="numeric"
            value={concurrency}
            onChange={(e) => setConcurrency(e.target.value)}
          />
        )}
      </Field>
      <button
        type="submit"
        className="btn btn-primary btn-sm"
        disabled={!agentId || scorers.length === 0 || state.fetching}
      >
        Start evaluation
      </button>
    </form>
  );
}

export function EvaluationsWorkspace() {
  const [{ data, error, fetching }, refetch] = useWorkspace();
  const [selected, setSelected] = useState('');
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  if (error) return <ErrorState error={error} />;
  if (!data) return fetching ? <LoadingState /> : null;
  const dataset = data.datasets.find((d) => d.id === selected) ?? null;
  const choices = data.evaluations.map((e) => ({
    id: e.id,
    label: `${e.dataset?.name ?? shortId(e.datasetId)} · ${e.agent?.name ?? shortId(e.agentId)} v${e.agentVersion} · ${formatDateTime(e.startedAt)}`,
  }));
  return (
    <div className="stack-lg">
      <section className="card" aria-label="Datasets">
        <div className="card-header">
          <h2>Datasets</h2>
        </div>
        <div className="card-body">
          <CreateDatasetForm onDone={refresh} />
        </div>
        {data.datasets.length === 0 ? (
          <EmptyState title="No datasets yet">Create one, then add goals by hand or from runs.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Datasets">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Items</th>
                  <th>Created</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.datasets.map((d) => (
                  <tr key={d.id}>
                    <td>{d.name}</td>
                    <td>{d.itemCount}</td>
                    <td className="muted small">
                      <DateTime value={d.createdAt} />
                    </td>
                    <td>
                      <button type="button" className="btn btn-sm" onClick={() => setSelected(d.id)}>
                        Open
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {dataset ? (
          <div className="card-body row card-section" style={{ alignItems: 'flex-start' }}>
            <div className="stack-sm" style={{ flex: 1 }}>
              <h3>Add to “{dataset.name}”</h3>
              <AddItemForm datasetId={dataset.id} onDone={refresh} />
            </div>
            <div className="stack-sm" style={{ flex: 1 }}>
              <h3>Evaluate an agent on “{dataset.name}”</h3>
              <StartEvaluationForm data={data} datasetId={dataset.id} onDone={refresh} />
            </div>
          </div>
        ) : null}
      </section>
      <section className="card" aria-label="Evaluations">
        <div className="card-header">
          <h2>Evaluations</h2>
          <button type="button" className="btn btn-sm" onClick={refresh}>
            Refresh
          </button>
        </div>
        {data.evaluations.length === 0 ? (
          <EmptyState title="No evaluations yet">Open a dataset and start one.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Evaluations">
              <thead>
                <tr>
                  <th>Dataset</th>
                  <th>Agent</th>
                  <th>Status</th>
                  <th>Score</th>
                  <th>Passed</th>
                  <th>Cost</th>
                  <th>Mean latency</th>
                  <th>Started</th>
                </tr>
              </thead>
              <tbody>
                {data.evaluations.map((e) => (
                  <tr key={e.id}>
                    <td>{e.dataset?.name ?? shortId(e.datasetId)}</td>
                    <td>
                      {e.agent?.name ?? shortId(e.agentId)} v{e.agentVersion}
                    </td>
                    <td>
                      <Badge tone={e.status === 'COMPLETED' ? 'success' : 'info'}>
                        {e.status === 'COMPLETED' ? 'Completed' : `Running ${e.scoredCount}/${e.itemCount}`}
                      </Badge>
                    </td>
                    <td>{formatPercent(e.score)}</td>
                    <td>
                      {e.passedCount}/{e.itemCount}
                    </td>
                    <td>{formatCost(e.costUsd)}</td>
                    <td>{formatDuration(e.meanLatencyMs)}</td>
                    <td className="muted small">
                      <DateTime value={e.startedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-label="Compare">
        <div className="card-header">
          <h2>Compare two evaluations</h2>
        </div>
        <div className="card-body stack-sm">
          <EvaluationCompare choices={choices} />
        </div>
      </section>
    </div>
  );
}
