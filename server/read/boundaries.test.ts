// The read side is the one place views and live streams are built (server/read/README.md): the
// HTTP routes do not reach into GraphQL, and GraphQL names no event stream (it asks the read side).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, dir, file));
}

/** Code without its comments (a comment may mention a stream name to explain it). */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

/** Tests and test kits append events on purpose; they are not part of the API. */
const isProduction = (file: string) => !/\.test\.ts$|testkit\.ts$/.test(file);

describe('read side boundaries', () => {
  it('server/http imports nothing from server/graphql', () => {
    const offenders = sourceFiles('server/http')
      .filter(isProduction)
      .filter((file) => /from\s+['"][^'"]*\/graphql\//.test(readFileSync(file, 'utf8')));
    assert.deepEqual(
      offenders.map((file) => relative(root, file)),
      [],
    );
  });

  it('server/graphql names no event stream', () => {
    const streamName = /runStream\(|agentStream\(|['"`]run-/;
    const offenders = sourceFiles('server/graphql')
      .filter(isProduction)
      .filter((file) => streamName.test(withoutComments(readFileSync(file, 'utf8'))));
    assert.deepEqual(
      offenders.map((file) => relative(root, file)),
      [],
    );
  });
});
