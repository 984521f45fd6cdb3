// The typed documents of the console (client/src/gql/) and of the SDK (sdk/src/gql/) are generated
// from schema/schema.graphql and the documents in client/src and sdk/src/documents.ts, and
// committed: this fails when any of them is stale (every target of codegen.ts). (The schema file itself
// is checked by server/graphql/schema.test.ts.) Fix with `npm run generate`.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { it } from 'vitest';
import config from '../codegen.ts';

it('client/src/gql and sdk/src/gql are what `npm run generate` writes', { timeout: 120_000 }, async () => {
  const root = resolve(import.meta.dirname, '..');
  const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as {
    filename: string;
    content: string;
  }[];
  assert.ok(outputs.length > 0, 'codegen produced files');
  for (const output of outputs) {
    const path = resolve(root, output.filename);
    const committed = await readFile(path, 'utf8').catch(() => null);
    assert.ok(
      committed === output.content,
      `${relative(root, path)} is stale: run \`npm run generate\` and commit the result`,
    );
  }
});
