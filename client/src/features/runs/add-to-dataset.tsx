// "Add to dataset": a run (an annotated one, typically) becomes an evaluation item, its goal as the
// item's goal and its final answer as the expected output (`addDatasetItems` with `runId`).
import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../../api/graphql-errors';
import { graphql } from '../../gql';
import { AppDialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { Callout } from '../../ui/states';

const DatasetChoices = graphql(`
  query DatasetChoices {
    datasets {
      id
      name
      itemCount
    }
  }
`);

const AddRunToDataset = graphql(`
  mutation AddRunToDataset($datasetId: ID!, $items: [DatasetItemInput!]!) {
    addDatasetItems(datasetId: $datasetId, items: $items) {
      id
      name
      itemCount
    }
  }
`);

export function AddToDatasetButton({ runId }: { runId: string }) {
  const [open, setOpen] = useState(false);
  const [datasetId, setDatasetId] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const [{ data, error: listError }] = useQuery({ query: DatasetChoices, pause: !open });
  const [state, add] = useMutation(AddRunToDataset);
  const datasets = data?.datasets ?? [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await add({ datasetId, items: [{ runId }] });
    if (result.data) {
      const { name, itemCount } = result.data.addDatasetItems;
      setAdded(`Added to ${name}: it has ${itemCount} item${itemCount === 1 ? '' : 's'}.`);
    }
  };
  return (
    <AppDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setAdded(null);
      }}
      title="Add to dataset"
      description="The run's goal becomes an item's goal, and its final answer the expected output."
      trigger={
        <button type="button" className="btn">
          Add to dataset
        </button>
      }
    >
      <form className="form" onSubmit={submit} aria-label="Add this run to a dataset">
        {listError || state.error ? (
          <Callout tone="danger" role="alert">
            {describeError((state.error ?? listError) as NonNullable<typeof listError>)}
          </Callout>
        ) : null}
        {added ? (
          <Callout tone="success" role="status">
            {added}
          </Callout>
        ) : null}
        {data && datasets.length === 0 ? (
          <p className="muted">No dataset yet: create one on the Evaluations page.</p>
        ) : null}
        <Field label="Dataset">
          {(control) => (
            <select
              {...control}
              className="input"
              value={datasetId}
              onChange={(event) => setDatasetId(event.target.value)}
            >
              <option value="">Choose a dataset…</option>
              {datasets.map((dataset) => (
                <option key={dataset.id} value={dataset.id}>
                  {dataset.name} ({dataset.itemCount} items)
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={datasetId === '' || state.fetching}>
            {state.fetching ? 'Adding…' : 'Add run'}
          </button>
        </div>
      </form>
    </AppDialog>
  );
}
