import assert from 'node:assert/strict';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  classifyKurrentError,
  comparePositions,
  decodePosition,
  encodePosition,
  isTransientKurrentError,
  toActualRevision,
  toStreamState,
} from './kurrentdb-position.ts';

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const position = fc.record({ commit: u64, prepare: u64 });

describe('KurrentDB positions', () => {
  it('encode as kdb:<commit>:<prepare>, each zero-padded to 20 digits', () => {
    assert.equal(
      encodePosition({ commit: 0n, prepare: 0n }),
      'kdb:00000000000000000000:00000000000000000000',
    );
    assert.equal(
      encodePosition({ commit: 1234n, prepare: 1200n }),
      'kdb:00000000000000001234:00000000000000001200',
    );
    assert.equal(
      encodePosition({ commit: 2n ** 64n - 1n, prepare: 7n }),
      'kdb:18446744073709551615:00000000000000000007',
    );
  });

  it('decode what they encode', () => {
    fc.assert(
      fc.property(position, (p) => {
        const decoded = decodePosition(encodePosition(p));
        assert.deepEqual([decoded.commit, decoded.prepare], [p.commit, p.prepare]);
      }),
    );
  });

  it('compare as strings exactly as they compare in the log', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const [x, y] = [encodePosition(a), encodePosition(b)];
        assert.equal(x < y ? -1 : x > y ? 1 : 0, comparePositions(a, b));
      }),
    );
    assert.ok(comparePositions({ commit: 5n, prepare: 9n }, { commit: 6n, prepare: 0n }) < 0);
    assert.ok(comparePositions({ commit: 5n, prepare: 2n }, { commit: 5n, prepare: 1n }) > 0);
  });

  it('refuse positions of other adapters, malformed ones and out-of-range parts', () => {
    for (const bad of [
      'pg:00000000000000000001:00000000000000000001',
      'mem:00000000000000000001',
      'kdb:1:1',
      'kdb:00000000000000000001',
      'kdb:0000000000000000000a:00000000000000000001',
      'kdb:99999999999999999999:00000000000000000000',
      '',
    ]) {
      assert.throws(() => decodePosition(bad), RangeError, bad);
    }
    assert.throws(() => encodePosition({ commit: -1n, prepare: 0n }), RangeError);
    assert.throws(() => encodePosition({ commit: 0n, prepare: 2n ** 64n }), RangeError);
  });
});

describe('KurrentDB expected and actual revisions', () => {
  it('map every expected case to the client stream state', () => {
    assert.equal(toStreamState('any'), 'any');
    assert.equal(toStreamState('no_stream'), 'no_stream');
    assert.equal(toStreamState('stream_exists'), 'stream_exists');
    assert.equal(toStreamState(0), 0n);
    assert.equal(toStreamState(41), 41n);
    assert.equal(toStreamState(-1), 'no_stream');
  });

  it('refuse revisions that are not integers ≥ -1', () => {
    for (const bad of [-2, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      assert.throws(() => toStreamState(bad), RangeError, String(bad));
    }
  });

  it('map the actual state of a wrong-version error to a revision or no_stream', () => {
    assert.equal(toActualRevision('no_stream'), 'no_stream');
    assert.equal(toActualRevision(0n), 0);
    assert.equal(toActualRevision(17n), 17);
    assert.equal(toActualRevision(-1n), 'no_stream');
    assert.equal(toActualRevision(-5n), 'no_stream');
  });
});

describe('KurrentDB error classification', () => {
  it('recognises the client error classes the adapter handles', () => {
    const wrong = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 3n });
    assert.equal(classifyKurrentError(wrong), 'wrong-expected-version');
    assert.equal(wrong.actualState, 3n);
    assert.equal(classifyKurrentError(new StreamNotFoundError(undefined, 'run-1')), 'stream-not-found');
  });

  it('waits out connection loss, timeouts and leader changes', () => {
    for (const error of [
      new UnavailableError(),
      new DeadlineExceededError(),
      new CancelledError(),
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
      Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    ]) {
      assert.equal(classifyKurrentError(error), 'transient', error.message);
      assert.equal(isTransientKurrentError(error), true);
    }
    const notLeader = Object.create(NotLeaderError.prototype) as NotLeaderError;
    Object.assign(notLeader, { type: 'not-leader' });
    assert.equal(classifyKurrentError(notLeader), 'transient');
  });

  it('lets permission, deletion, programming errors and non-errors through as fatal', () => {
    for (const error of [
      new AccessDeniedError(),
      StreamDeletedError.fromStreamName('run-1'),
      Object.assign(new Error('3 INVALID_ARGUMENT'), { code: 3 }),
      new TypeError('x is not a function'),
      'a string',
      null,
    ]) {
      assert.equal(classifyKurrentError(error), 'fatal', String(error));
    }
  });
});
