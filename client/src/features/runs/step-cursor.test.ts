import { describe, expect, it } from 'vitest';
import { decodeStepCursor, encodeStepCursor } from '../../../../projections/run-steps/queries';
import { stepCursor } from './step-cursor';

describe('stepCursor', () => {
  it('is the cursor the server gives the page ending at that step', () => {
    for (const step of [0, 1, 50, 999, 1050, 123_456_789]) {
      expect(stepCursor(step)).toBe(encodeStepCursor(step));
      expect(decodeStepCursor(stepCursor(step))).toBe(step);
    }
  });
});
