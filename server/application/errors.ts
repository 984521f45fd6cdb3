/** Errors of the application services. `code` matches the GraphQL `extensions.code` of §7. */
export class ApplicationError extends Error {
  readonly code: 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT' | 'FORBIDDEN';
  /** The input field at fault, when there is one (for showing the error at the field). */
  readonly field: string | undefined;
  constructor(
    code: ApplicationError['code'],
    message: string,
    options: { field?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options.field;
  }
}

export class NotFoundError extends ApplicationError {
  /** `new NotFoundError('Run', id)` says "Run <id> does not exist"; with no id, `what` is the message. */
  constructor(what: string, id?: string) {
    super('NOT_FOUND', id === undefined ? what : `${what} ${id} does not exist`);
  }
}

/** The caller's role may not do this (for example widen an agent's rights by forking it). */
export class ForbiddenError extends ApplicationError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** Someone else changed it first (stale revision, approval already decided). */
export class ConflictError extends ApplicationError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('CONFLICT', message, options);
  }
}

export class InvalidInputError extends ApplicationError {
  constructor(field: string, message: string, options: { cause?: unknown } = {}) {
    super('BAD_USER_INPUT', message, { field, ...options });
  }
}
