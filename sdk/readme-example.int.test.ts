// sdk/README.md's example is a test: the ```ts block under "## Example" runs, as a separate Node
// process the way an integrator would run it, against a real server (the platform over PGlite,
// started by the API test kit, with a scripted model). Only the package name is pointed at this
// checkout's source.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fakeFinish, fakeToolCall } from '../server/activities/providers/fake-provider.ts';
import { startTestApi, type TestApi } from '../server/graphql/api-testkit.ts';
import { createTestPglite } from '../server/testkit/postgres.ts';

const root = resolve(import.meta.dirname, '..');

/** The first ```ts block after the "## Example" heading. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(join(root, 'sdk', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Example'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(match?.[1], 'sdk/README.md has a ```ts block under "## Example"');
  return match[1];
}

describe('sdk/README.md example', () => {
  let t: TestApi;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    // The model asks to echo (HIGH risk: the example approves it), then finishes with the echo.
    t = await startTestApi({
      db: target.db,
      script: [fakeToolCall('echo', { text: 'hello' }), fakeFinish('hello')],
    });
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  it('runs against a real server: the run asks approval, is approved and completes', {
    timeout: 120_000,
  }, async () => {
    const example = await readmeExample();
    assert.match(example, /from '@spark-ops\/sdk'/);
    const source = example.replace(
      /from '@spark-ops\/sdk'/,
      `from ${JSON.stringify(join(root, 'sdk', 'src', 'index.ts'))}`,
    );
    const dir = await mkdtemp(join(root, 'sdk', '.readme-example-'));
    try {
      const file = join(dir, 'example.ts');
      await writeFile(file, source);
      // It type-checks against the SDK's generated types (strict, as an integrator's project would)…
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ extends: '../tsconfig.json', include: ['example.ts'] }),
      );
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', dir], {
        cwd: root,
        timeout: 90_000,
      }).catch((error: { stdout?: string }) =>
        assert.fail(`the example does not type-check:\n${error.stdout}`),
      );
      // …and runs.
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], {
        cwd: root,
        env: { ...process.env, SPARK_OPS_URL: t.url, SPARK_OPS_TOKEN: await t.tokenFor('admin') },
        timeout: 90_000,
      });
      const lines = stdout.trim().split('\n');
      // The events the example printed, in order, then the final status and output.
      const types = lines.slice(0, -1).map((line) => line.split(' ')[1]);
      assert.equal(types[0], 'RunStarted');
      for (const type of ['ApprovalRequested', 'ApprovalGranted', 'RunCompleted']) {
        assert.ok(types.includes(type), `${type} in ${types.join(', ')}`);
      }
      assert.ok(types.indexOf('ApprovalRequested') < types.indexOf('ApprovalGranted'));
      assert.equal(types.at(-1), 'RunCompleted');
      const revisions = lines.slice(0, -1).map((line) => Number(line.split(' ')[0]));
      assert.deepEqual(
        revisions,
        revisions.map((_, i) => revisions[0]! + i),
        'every event once, in order',
      );
      assert.equal(lines.at(-1), 'COMPLETED hello');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
