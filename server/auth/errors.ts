/** Authentication failed: no credentials where they are needed, or credentials that do not verify. */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Authentication required', options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'UnauthenticatedError';
  }
}
