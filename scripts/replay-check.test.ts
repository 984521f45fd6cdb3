// `npm run replay-check` as a user's CI runs it: a child process over fixture files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildRunFixture, type RunFixture } from '../server/analysis/run-fixture.ts';
import { simulateRun } from '../server/engine/simulated-world.ts';
import { defaultPolicy } from '../server/safety/default-policy.ts';

const root = join(import.meta.dirname, '..');

function replayCheck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/replay-check.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Step 1 emails (HIGH: a human approves), the mail goes out, step 2 finishes.
const recordedFixture = (): RunFixture =>
  buildRunFixture(
    { own: simulateRun([3, 0, 0, 0, 0, 0, 0, 0]), inherited: [] },
    {
      tools: [
        { name: 'run_sql', description: 'Reads the database.', parameters: { type: 'object' } },
        { name: 'send_email', description: 'Sends an email.', parameters: { type: 'object' } },
      ],
      toolDefaults: {},
      policies: [defaultPolicy],
      exportedAt: new Date('2026-12-01T10:00:00Z'),
    },
  );

describe('npm run replay-check (child process over fixture files)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'replay-check-'));
    const fixture = recordedFixture();
    writeFileSync(join(dir, 'a-same.json'), JSON.stringify(fixture));
    // The agent's prompt changed: from step 1 it asks the model something the recording never answered.
    const [started, ...rest] = fixture.events;
    const agent = { ...fixture.agent, systemPrompt: 'You are a reckless agent.' };
    const reprompted = {
      ...fixture,
      agent,
      events: [{ ...started, data: { ...started?.data, agent } }, ...rest],
    };
    writeFileSync(join(dir, 'b-prompt-changed.json'), JSON.stringify(reprompted));
    // The policy now blocks every email: the recorded verdict of step 1 no longer holds.
    const blockEmail = {
      id: 'no-email',
      description: 'No email',
      match: { tool: 'send_email' },
      risk: 'CRITICAL',
      reason: 'No email now.',
    };
    const policies = [{ ...fixture.policies[0], version: 2, rules: [blockEmail] }];
    writeFileSync(join(dir, 'c-policy-changed.json'), JSON.stringify({ ...fixture, policies }));
    writeFileSync(join(dir, 'd-not-a-fixture.json'), JSON.stringify({ format: 'something else' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a fixture the engine still decides the same way passes: "same", exit 0', () => {
    const file = join(dir, 'a-same.json');
    const result = replayCheck(file);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^same  ${file}  \\(\\d+ decisions\\)\\n$`));
  });

  it('a diverging fixture fails with the step and both sides, exit 1', () => {
    const file = join(dir, 'c-policy-changed.json');
    const result = replayCheck(file);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(
      result.stdout,
      [
        `diverged at step 1  ${file}  (revision 2)`,
        '    recorded: SafetyEvaluated step 1 send_email: require_approval (HIGH)',
        '    now:      SafetyEvaluated step 1 send_email: block (CRITICAL)',
        '',
      ].join('\n'),
    );
  });

  it('a folder gets one verdict per fixture, and any unreadable one makes it exit 2', () => {
    const result = replayCheck(dir);
    const lines = result.stdout.split('\n');
    assert.match(lines[0] ?? '', /^same {2}.*a-same\.json/);
    assert.match(lines[1] ?? '', /^diverged at step 1 {2}.*b-prompt-changed\.json {2}\(revision 1\)$/);
    assert.match(lines[3] ?? '', /^ {4}now: {6}a different question for step 1/);
    assert.match(lines[4] ?? '', /^diverged at step 1 {2}.*c-policy-changed\.json/);
    assert.match(lines[7] ?? '', /^error {2}.*d-not-a-fixture\.json: not a run fixture/);
    assert.equal(result.status, 2);
  });

  it('without a fixture it prints the usage and exits 2', () => {
    const result = replayCheck('--agent');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--agent takes <id> or <id>@<version>\nusage: npm run replay-check/);
  });
});
