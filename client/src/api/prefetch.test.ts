import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetch, takePrefetched } from './prefetch';

afterEach(() => vi.useRealTimers());

describe('prefetched requests', () => {
  it('are started at once and taken once', async () => {
    const request = vi.fn(async () => 'page');
    prefetch('steps:a', request);
    expect(request).toHaveBeenCalledTimes(1);
    await expect(takePrefetched('steps:a')).resolves.toBe('page');
    expect(takePrefetched('steps:a')).toBeNull();
  });

  it('are not served once stale', () => {
    vi.useFakeTimers();
    prefetch('steps:b', async () => 'old page');
    vi.advanceTimersByTime(5_001);
    expect(takePrefetched('steps:b')).toBeNull();
  });

  it('hand their failure to the page that takes them, and to nobody else', async () => {
    prefetch('steps:c', async () => {
      throw new Error('offline');
    });
    await expect(takePrefetched('steps:c')).rejects.toThrow('offline');
  });

  it('answer null for what was never prefetched', () => {
    expect(takePrefetched('steps:none')).toBeNull();
  });
});
