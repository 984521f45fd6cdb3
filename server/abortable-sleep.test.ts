import { describe, expect, it } from 'vitest';
import { abortableSleep } from './abortable-sleep.ts';

describe('abortableSleep', () => {
  it('waits about the time asked', async () => {
    const started = performance.now();
    await abortableSleep(30, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('ends early, without rejecting, when the signal aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 10);
    await abortableSleep(60_000, controller.signal);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('sets no timer for no wait or an aborted signal: it resolves before any timer could fire', async () => {
    const aborted = AbortSignal.abort();
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    await abortableSleep(0, new AbortController().signal);
    await abortableSleep(1000, aborted);
    expect(timerFired).toBe(false);
  });
});
