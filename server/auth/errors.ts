/** Authentication failed: no credentials where they are needed, or credentials that do not verify. */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Authentication required', options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'UnauthenticatedError';
  }
}

/** Too many failed logins on one account: it may try again at `retryAt` (RATE_LIMITED). */
export class LoginThrottledError extends Error {
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAt: Date) {
    const seconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
    super(`Too many failed logins for this account; try again in ${seconds} s`);
    this.name = 'LoginThrottledError';
  }
}
