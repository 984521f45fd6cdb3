// The cursor of `Run.steps` that starts after a step. The server's cursors name the step they
// follow (`encodeStepCursor` in projections/run-steps/queries.ts; step-cursor.test.ts holds the
// two together): knowing a run's step count, the console asks for every page at once.

/** The `after` cursor for the steps after `step`. */
export function stepCursor(step: number): string {
  return btoa(`step:${step}`).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}
