// A new DATA_DIR for a test server on PGlite, holding exactly what PGlite's initdb writes: copied
// from a template made once per machine and PGlite version, because initdb in WASM costs seconds
// (4 s on a quiet 2-core machine, over 10 s under the test suite's load) and the copy milliseconds.
// The server's first start still runs on it: migrations, seeding, the first admin's login link.
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteDatabase } from '../db/pglite-database.ts';

// The package does not export its package.json; read it where npm put it.
const pgliteVersion = (
  JSON.parse(
    readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  ) as { version: string }
).version;
const TEMPLATE = join(tmpdir(), `spark-ops-pglite-initdb-${pgliteVersion}`);

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The template: made in a private directory and renamed into place, so concurrent workers never see half of one. */
async function template(): Promise<string> {
  if (await exists(join(TEMPLATE, 'PG_VERSION'))) return TEMPLATE;
  const making = await mkdtemp(join(tmpdir(), 'spark-ops-pglite-initdb-making-'));
  const db = await createPgliteDatabase({ dataDir: making });
  await db.close();
  try {
    await rename(making, TEMPLATE);
  } catch {
    // Another worker put its template in place first: it is as good as this one.
    await rm(making, { recursive: true, force: true });
  }
  return TEMPLATE;
}

/** A fresh temporary DATA_DIR named `<prefix>…` whose PGlite cluster exists and holds nothing of ours yet. */
export async function freshDataDir(prefix: string): Promise<string> {
  const source = await template();
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await cp(source, dir, { recursive: true });
  return dir;
}
