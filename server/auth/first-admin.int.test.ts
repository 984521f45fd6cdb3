import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SqlDatabase } from '../db/sql-database.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { type AuthService, createAuthService } from './auth-service.ts';
import { ensureEmbeddedSecret, SECRET_FILE } from './embedded-secret.ts';
import { createFirstAdmin } from './first-admin.ts';

describe('embedded secret', () => {
  it('is generated once into DATA_DIR (mode 0600) and read back on the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spark-secret-'));
    const first = ensureEmbeddedSecret(join(dir, 'data'));
    assert.ok(first.length >= 32);
    assert.equal(ensureEmbeddedSecret(join(dir, 'data')), first);
    assert.equal(statSync(join(dir, 'data', SECRET_FILE)).mode & 0o777, 0o600);
    writeFileSync(join(dir, 'data', SECRET_FILE), 'short\n');
    assert.throws(() => ensureEmbeddedSecret(join(dir, 'data')), /fewer than 32/);
    assert.equal(readFileSync(join(dir, 'data', SECRET_FILE), 'utf8'), 'short\n');
  });
});

describe('first admin', () => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  let auth: AuthService;
  beforeAll(async () => {
    ({ db, drop } = await createTestPglite());
    auth = createAuthService({
      db,
      jwt: { secret: ensureEmbeddedSecret(mkdtempSync(join(tmpdir(), 'spark-'))) },
    });
    await auth.migrate();
  });
  afterAll(() => drop());

  it('is created on an empty database with a one-time login link, and only then', async () => {
    const admin = await createFirstAdmin({ auth, baseUrl: 'http://localhost:8000/' });
    assert.ok(admin);
    assert.match(admin.loginUrl, /^http:\/\/localhost:8000\/maestro\/login#link=spl_/);
    const session = await auth.loginWithLink(admin.linkToken);
    assert.equal(session.viewer.role, 'admin');
    const authenticated = await auth.authenticate(`Bearer ${session.token}`);
    assert.ok(authenticated);
    const { expiresAt, ...viewer } = authenticated;
    assert.deepEqual(viewer, {
      id: session.viewer.id,
      role: 'admin',
      email: 'admin@spark-ops.local',
      tokenId: null,
      viaLoginLink: true,
    });
    // Its expiry (a JWT's `exp`, whole seconds) is what an open socket is re-checked against.
    assert.equal(expiresAt?.getTime(), Math.floor(session.expiresAt.getTime() / 1000) * 1000);
    await assert.rejects(auth.loginWithLink(admin.linkToken), { code: 'UNAUTHENTICATED' });
    assert.equal(await createFirstAdmin({ auth, baseUrl: 'http://localhost:8000' }), null);
  });

  it('refuses bad bearer headers and tokens signed with another secret', async () => {
    await assert.rejects(auth.authenticate('Basic abc'), { code: 'UNAUTHENTICATED' });
    const other = createAuthService({ db, jwt: { secret: 'another-secret-another-secret-0123456789' } });
    const { token } = await other.issueToken({ id: 'x', role: 'admin', email: null });
    await assert.rejects(auth.authenticate(`Bearer ${token}`), { code: 'UNAUTHENTICATED' });
    assert.equal(await auth.authenticate(undefined), null);
  });
});
