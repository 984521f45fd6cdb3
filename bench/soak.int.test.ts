// A 60-second smoke of the soak (bench/soak.ts) on the full cluster: fewer runs and subscribers than
// the 10-minute soak (SOAK_SMOKE_RUNS, SOAK_SMOKE_SUBSCRIBERS; 20 and 200 by default) so it fits
// a shared CI machine, the same checks: no event lost or duplicated, no run failed or left unfinished.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { envNumber } from './bench-kit.ts';
import { runSoak } from './soak.ts';

describe('soak smoke: 60 seconds of the cluster under runs and subscribers', { timeout: 900_000 }, () => {
  it('loses and duplicates nothing, fails no run, and measures every process', async () => {
    const figures: Record<string, unknown>[] = [];
    const result = await runSoak({
      seconds: envNumber('SOAK_SMOKE_SECONDS', 60),
      runs: envNumber('SOAK_SMOKE_RUNS', 20),
      subscribers: envNumber('SOAK_SMOKE_SUBSCRIBERS', 200),
      steps: 2,
      warmupSeconds: 10,
      onFigure: (figure) => {
        figures.push(figure);
        console.log(JSON.stringify({ bench: 'soak-smoke', ...figure }));
      },
    });
    assert.equal(result.runsFailed, 0, 'no run failed');
    assert.equal(result.runsUnfinished, 0, 'every run ended');
    assert.ok(result.runsCompleted > 0, 'runs completed');
    assert.equal(
      result.lostPerSubscriber.reduce((s, v) => s + v, 0),
      0,
      'no subscriber missed an event',
    );
    assert.equal(
      result.duplicatedPerSubscriber.reduce((s, v) => s + v, 0),
      0,
      'no subscriber saw an event twice',
    );
    assert.equal(result.unfinishedWatches, 0, "every subscriber saw its runs' last events");
    assert.deepEqual(
      result.heapSlopes.map((h) => h.process),
      ['api-1', 'api-2', 'projections-1', 'projections-2', 'worker-1', 'worker-2'],
    );
    assert.ok(result.heapSlopes.every((h) => h.samples > 0 && Number.isFinite(h.mbPerMinute)));
    assert.ok(result.latencyByMinute.length > 0 && result.latencyByMinute.every((m) => m.samples > 0));
    assert.ok(figures.some((f) => f.figure === 'runs'));
  });
});
