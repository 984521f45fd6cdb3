import { NotFoundError } from '../application/errors.ts';
import { readRunHistory } from '../application/run-history.ts';
import type { ReplayDeps } from './replay-run.ts';
import { buildRunFixture, type RunFixture } from './run-fixture.ts';

/**
 * `exportRun`: the run as a versioned, self-contained fixture (`buildRunFixture`): agent config,
 * inputs, every event with secrets redacted, the tools and policies it ran under as they are now,
 * and the question of each step. A fork carries its source's history up to the fork point.
 * @throws NotFoundError when the run does not exist.
 */
export async function exportRun(
  deps: ReplayDeps,
  runId: string,
  now: Date = new Date(),
): Promise<RunFixture> {
  const history = await readRunHistory(deps.store, runId);
  const started = history.own[0];
  if (started?.type !== 'RunStarted') throw new NotFoundError('Run', runId);
  const policies = await deps.loadPolicies(started.data.agent.policyIds);
  return buildRunFixture(history, {
    tools: deps.tools.list(),
    toolDefaults: Object.fromEntries(deps.tools.describe().map((tool) => [tool.name, tool.defaultRisk])),
    policies,
    exportedAt: now,
  });
}
