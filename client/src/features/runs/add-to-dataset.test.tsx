import assert from 'node:assert/strict';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { AddToDatasetButton } from './add-to-dataset';

const RUN = '01930000-0000-7000-8000-000000000001';
const DATASET = '01930000-0000-7000-8000-0000000000d1';

describe('AddToDatasetButton', () => {
  it('adds the run to the chosen dataset and says how many items it now has', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient((name) => {
      if (name === 'DatasetChoices') {
        return {
          data: { datasets: [{ __typename: 'Dataset', id: DATASET, name: 'Regressions', itemCount: 2 }] },
        };
      }
      if (name === 'AddRunToDataset') {
        return {
          data: {
            addDatasetItems: { __typename: 'Dataset', id: DATASET, name: 'Regressions', itemCount: 3 },
          },
        };
      }
      return undefined;
    });
    renderWithApi(<AddToDatasetButton runId={RUN} />, client);
    await user.click(await screen.findByRole('button', { name: 'Add to dataset' }));
    const add = screen.getByRole('button', { name: 'Add run' });
    assert.equal((add as HTMLButtonElement).disabled, true, 'nothing chosen yet');
    await user.selectOptions(await screen.findByLabelText('Dataset'), 'Regressions (2 items)');
    await user.click(add);
    await screen.findByText('Added to Regressions: it has 3 items.');
    assert.deepEqual(calls.find((call) => call.name === 'AddRunToDataset')?.variables, {
      datasetId: DATASET,
      items: [{ runId: RUN }],
    });
  });

  it('points to the evaluations page when there is no dataset yet', async () => {
    const user = userEvent.setup();
    const { client } = testClient((name) =>
      name === 'DatasetChoices' ? { data: { datasets: [] } } : undefined,
    );
    renderWithApi(<AddToDatasetButton runId={RUN} />, client);
    await user.click(await screen.findByRole('button', { name: 'Add to dataset' }));
    await screen.findByText(/No dataset yet/);
  });
});
