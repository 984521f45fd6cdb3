import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';
import { can, Permission, ROLES } from './roles.ts';

describe('rate limiter', () => {
  it('never lets through more than the burst plus what refilled', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 200 }),
        (capacity, perSecond, gaps) => {
          let clock = 0;
          const limiter = createRateLimiter({ capacity, refillPerSecond: perSecond, now: () => clock });
          let allowed = 0;
          for (const gap of gaps) {
            clock += gap;
            if (limiter.take('k')) allowed++;
          }
          assert.ok(allowed <= capacity + Math.floor((clock * perSecond) / 1000) + 1);
        },
      ),
    );
  });

  it('keys are independent', () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0.001, now: () => 0 });
    assert.equal(limiter.take('a'), true);
    assert.equal(limiter.take('a'), false);
    assert.equal(limiter.take('b'), true);
  });
});

describe('roles', () => {
  it('admin may do everything; only admin configures and administers', () => {
    for (const permission of Object.values(Permission)) assert.ok(can('admin', permission));
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      assert.equal(can(role, Permission.Configure), false);
      assert.equal(can(role, Permission.Administer), false);
      assert.ok(can(role, Permission.Read));
    }
    assert.ok(can('integrator', Permission.StartRun) && !can('integrator', Permission.Approve));
    assert.ok(can('analyst', Permission.Fork) && !can('analyst', Permission.StartRun));
  });
});
