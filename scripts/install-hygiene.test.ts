// `npm ci` on the Node version the README states prints no engine warning and no install-scripts
// warning. Both are decided by files in the repository (package.json, package-lock.json), so this
// reads them instead of running an install: it fails when a dependency update brings back a package
// whose `engines.node` excludes our Node, or a package with install scripts that `allowScripts`
// does not decide. It also keeps README, `engines`, the Dockerfile and CI on one Node version.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

interface LockEntry {
  name?: string;
  version?: string;
  engines?: { node?: string } | string[];
  hasInstallScript?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
}

const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };

/** The README's "Node.js 20 (20.19 or later)": the major we support and its lowest release. */
function readmeNode(): { major: number; minimum: string } {
  const match = /Node\.js (\d+) \((\d+\.\d+) or later\)/.exec(read('README.md'));
  assert.ok(match, 'README states the Node version as "Node.js <major> (<major.minor> or later)"');
  const [, major, minimum] = match as unknown as [string, string, string];
  assert.equal(semver.major(`${minimum}.0`), Number(major), 'the minimum is a release of that major');
  return { major: Number(major), minimum: `${minimum}.0` };
}

/** Lock entries npm installs here: platform-specific optional binaries for other systems are skipped
 * before the engine check, so their engines never warn. */
function installedHere(entry: LockEntry): boolean {
  if (!entry.optional) return true;
  const matches = (list: string[] | undefined, value: string) =>
    !list || list.some((item) => (item.startsWith('!') ? item.slice(1) !== value : item === value));
  return matches(entry.os, process.platform) && matches(entry.cpu, process.arch);
}

/** The package name of a lock path such as node_modules/a/node_modules/@b/c. */
function nameOf(path: string, entry: LockEntry): string {
  return entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

describe('install hygiene', () => {
  it('README, package.json engines, Dockerfile and CI state the same Node version', () => {
    const { major, minimum } = readmeNode();
    assert.equal(pkg.engines.node, `>=${semver.major(minimum)}.${semver.minor(minimum)}`);
    const images = [...read('Dockerfile').matchAll(/^FROM node:(\S+)/gm)].map((m) => m[1]);
    assert.ok(images.length > 0, 'the Dockerfile builds on a node image');
    for (const image of images) assert.match(String(image), new RegExp(`^${major}(-|$)`));
    // CI installs with whatever Node the runner has: it checks it against `engines` and fails on
    // either warning, so a regression this file cannot see (a new npm rule) still stops CI.
    const ci = read('.ci/run');
    assert.match(ci, /semver\.satisfies\(process\.version/);
    assert.match(ci, /EBADENGINE/);
    assert.match(ci, /install-scripts/);
  });

  it('every dependency in the lock accepts every Node release the README admits', () => {
    const { major, minimum } = readmeNode();
    // The releases we promise: the README's major, from its minimum on.
    const ours = new semver.Range(`>=${minimum} <${major + 1}.0.0-0`);
    const excluded: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || !installedHere(entry)) continue;
      const engines = entry.engines;
      const node = Array.isArray(engines) ? undefined : engines?.node;
      if (!node) continue;
      const range = semver.validRange(node) ? new semver.Range(node) : null;
      if (!range || !semver.subset(ours, range)) {
        excluded.push(`${nameOf(path, entry)}@${entry.version} needs node ${node} (${path})`);
      }
    }
    assert.deepEqual(excluded, [], `engine warnings on Node ${major}: choose versions that support it`);
  });

  it('allowScripts decides every package with install scripts', () => {
    const decided = new Set(Object.keys(pkg.allowScripts ?? {}).map((key) => key.replace(/(?<=.)@.*$/, '')));
    const pending = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript && installedHere(entry))
      .map(([path, entry]) => nameOf(path, entry))
      .filter((name) => !decided.has(name));
    assert.deepEqual(pending, [], 'add each to "allowScripts" in package.json (true or false)');
  });

  it('packages denied their install scripts work without them', async () => {
    // esbuild's postinstall only verifies (and may relink) the platform binary that npm installs as
    // an optional dependency; protobufjs' only prints a version-scheme hint. Both are denied.
    assert.equal(pkg.allowScripts?.esbuild, false);
    assert.equal(pkg.allowScripts?.protobufjs, false);
    const esbuild = await import('esbuild');
    const out = await esbuild.transform('const x: number = 1', { loader: 'ts' });
    assert.match(out.code, /const x = 1/);
    const protobuf = await import('protobufjs');
    const root = protobuf.parse('syntax = "proto3"; message Ping { string id = 1; }').root;
    const Ping = root.lookupType('Ping');
    assert.deepEqual(Ping.toObject(Ping.decode(Ping.encode({ id: 'a' }).finish())), { id: 'a' });
  });
});
