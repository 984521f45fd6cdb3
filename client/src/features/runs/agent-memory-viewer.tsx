// AgentMemoryViewer: what this run stored, what the agent knew at a chosen step (the memories
// recalled into that step's prompt), and a semantic search over everything the agent remembers
// (the same retrieval its next prompt uses), with each memory's distance.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useThrottled } from '../../api/use-live';
import { useStickyQuery } from '../../api/use-sticky-query';
import { graphql } from '../../gql';
import { shortId } from '../../lib/format';
import { Badge } from '../../ui/badges';
import { DateTime } from '../../ui/date-time';
import { MemoryIcon, SearchIcon } from '../../ui/icons';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';

const RunMemories = graphql(`
  query RunMemories($runId: ID!) {
    run(id: $runId) {
      id
      metrics {
        steps
      }
      memories {
        id
        kind
        step
        text
        embeddingModel
        createdAt
      }
    }
  }
`);

const SearchMemories = graphql(`
  query SearchMemories($agentId: ID!, $query: String!, $limit: Int) {
    searchMemories(agentId: $agentId, query: $query, limit: $limit) {
      id
      kind
      step
      runId
      text
      distance
      embeddingModel
    }
  }
`);

const MemoriesAtStep = graphql(`
  query MemoriesAtStep($runId: ID!, $step: Int!) {
    run(id: $runId) {
      id
      memoriesAt(step: $step) {
        id
        score
        kind
        text
        runId
        step
      }
    }
  }
`);

const KIND_TONE = {
  thought: 'info',
  observation: 'neutral',
  output: 'success',
  feedback: 'warning',
} as const;

function MemoryKind({ kind }: { kind: string }) {
  return <Badge tone={KIND_TONE[kind as keyof typeof KIND_TONE] ?? 'neutral'}>{kind}</Badge>;
}

export function AgentMemoryViewer({
  runId,
  agentId,
  revision,
}: {
  runId: string;
  agentId: string | null;
  /** The run's last revision: while it moves the run may store memories, so the list is reread (throttled). */
  revision: number;
}) {
  const [{ data, error, fetching }, refetch] = useStickyQuery({ query: RunMemories, variables: { runId } });
  const reread = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 2000);
  const first = useRef(revision);
  useEffect(() => {
    if (revision !== first.current) reread();
  }, [revision, reread]);
  const memories = data?.run?.memories ?? [];
  const steps = data?.run?.metrics.steps ?? 0;
  return (
    <div className="memory-grid">
      {steps > 0 ? <MemoriesAt runId={runId} steps={steps} /> : null}
      <section className="card" aria-labelledby="run-memories-title">
        <div className="card-header">
          <h2 id="run-memories-title">Stored by this run</h2>
          <span className="muted small">{memories.length}</span>
        </div>
        {error && !data ? <ErrorState error={error} /> : null}
        {fetching && !data ? <LoadingState label="Loading memories…" /> : null}
        {data && memories.length === 0 ? (
          <EmptyState title="No memories yet" icon={<MemoryIcon size={20} />}>
            The run stores a memory after each step.
          </EmptyState>
        ) : null}
        <ul className="memory-list" aria-label="Memories of this run">
          {memories.map((memory) => (
            <li key={memory.id} className="memory-item">
              <div className="row small muted">
                <MemoryKind kind={memory.kind} />
                <span>Step {memory.step}</span>
                <span>·</span>
                <DateTime value={memory.createdAt} />
                <span className="spacer" />
                <span className="mono">{memory.embeddingModel}</span>
              </div>
              <p className="memory-text">{memory.text}</p>
            </li>
          ))}
        </ul>
      </section>
      {agentId ? <MemorySearch agentId={agentId} /> : null}
    </div>
  );
}

/** The memories recalled into the prompt of the step chosen (the latest step at first). */
export function MemoriesAt({ runId, steps }: { runId: string; steps: number }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const step = Math.min(chosen ?? steps, steps);
  const [{ data, error, fetching }] = useStickyQuery({
    query: MemoriesAtStep,
    variables: { runId, step },
  });
  const recalled = data?.run?.memoriesAt;
  return (
    <section className="card" aria-labelledby="memories-at-title">
      <div className="card-header">
        <h2 id="memories-at-title">What the agent knew at step {step}</h2>
        <span className="spacer" />
        <label className="small muted" htmlFor="memories-at-step">
          Step
        </label>
        <select
          id="memories-at-step"
          className="select"
          style={{ width: 90 }}
          value={step}
          onChange={(event) => setChosen(Number(event.target.value))}
        >
          {Array.from({ length: steps }, (_, index) => index + 1).map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      <div className="card-body stack">
        {error ? <ErrorState error={error} /> : null}
        {fetching && !data ? <LoadingState label="Loading what the agent knew…" /> : null}
        {data && recalled === null ? (
          <p className="muted small">
            This step was recorded before the platform recorded which memories went into a prompt.
          </p>
        ) : null}
        {recalled && recalled.length === 0 ? (
          <p className="muted small">No memories were recalled into this step's prompt.</p>
        ) : null}
        {recalled && recalled.length > 0 ? (
          <ol className="memory-list" aria-label={`Memories recalled at step ${step}`}>
            {recalled.map((memory) => (
              <li key={memory.id} className="memory-item">
                <div className="row small muted">
                  <span className="memory-distance" title="Similarity when recalled: higher is closer">
                    {memory.score.toFixed(3)}
                  </span>
                  <MemoryKind kind={memory.kind} />
                  <Link to={`/runs/${memory.runId}`} className="mono">
                    run {shortId(memory.runId)}
                  </Link>
                  <span>step {memory.step}</span>
                </div>
                <p className="memory-text">{memory.text}</p>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </section>
  );
}

function MemorySearch({ agentId }: { agentId: string }) {
  const [text, setText] = useState('');
  const [limit, setLimit] = useState(5);
  const [submitted, setSubmitted] = useState<{ query: string; limit: number } | null>(null);
  const [{ data, error, fetching }] = useStickyQuery({
    query: SearchMemories,
    variables: { agentId, query: submitted?.query ?? '', limit: submitted?.limit ?? 5 },
    pause: !submitted,
    requestPolicy: 'network-only',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() !== '') setSubmitted({ query: text.trim(), limit });
  };
  const results = data?.searchMemories ?? [];
  return (
    <section className="card" aria-labelledby="memory-search-title">
      <div className="card-header">
        <h2 id="memory-search-title">Search the agent's memory</h2>
      </div>
      <div className="card-body stack">
        <form className="row" onSubmit={submit} aria-label="Memory search">
          <label className="visually-hidden" htmlFor="memory-search-query">
            Search memories
          </label>
          <input
            id="memory-search-query"
            className="input"
            placeholder="e.g. slowest ticket category"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <label className="visually-hidden" htmlFor="memory-search-limit">
            Results
          </label>
          <select
            id="memory-search-limit"
            className="select"
            style={{ width: 90 }}
            value={limit}
            onChange={(event) => setLimit(Number(event.target.value))}
          >
            {[5, 10, 20].map((value) => (
              <option key={value} value={value}>
                Top {value}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-primary" disabled={text.trim() === ''}>
            <SearchIcon />
            Search
          </button>
        </form>
        {error ? <ErrorState error={error} title="Search failed" /> : null}
        {fetching ? <LoadingState label="Searching…" /> : null}
        {submitted && data && results.length === 0 ? (
          <EmptyState title="Nothing similar found">This agent has no memories yet.</EmptyState>
        ) : null}
        {results.length > 0 ? (
          <ol className="memory-list" aria-label="Search results">
            {results.map((memory) => (
              <li key={memory.id} className="memory-item">
                <div className="row small muted">
                  <span className="memory-distance" title="Cosine distance: 0 is the same direction">
                    {memory.distance == null ? '—' : memory.distance.toFixed(3)}
                  </span>
                  <MemoryKind kind={memory.kind} />
                  <Link to={`/runs/${memory.runId}`} className="mono">
                    run {shortId(memory.runId)}
                  </Link>
                  <span>step {memory.step}</span>
                </div>
                <p className="memory-text">{memory.text}</p>
              </li>
            ))}
          </ol>
        ) : null}
        {!submitted ? (
          <p className="muted small">
            Finds the memories nearest in meaning to your words, across every run of this agent. Lower
            distance is closer.
          </p>
        ) : null}
      </div>
    </section>
  );
}
