import type { ExpectedRevision } from './port.ts';

/** Base of every error the event store port throws on purpose; `code` is stable. */
export class EventStoreError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The stream was not at the expected revision. `actual` is the stream's revision or `no_stream`. */
export class WrongExpectedVersionError extends EventStoreError {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly actual: number | 'no_stream';
  constructor(
    stream: string,
    expected: ExpectedRevision,
    actual: number | 'no_stream',
    options?: { cause?: unknown },
  ) {
    super(
      'WRONG_EXPECTED_VERSION',
      `Wrong expected version for stream ${stream}: expected ${String(expected)}, actual ${String(actual)}`,
      options,
    );
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }
}

/** An event id was already appended with other content, to another stream or at another revision. */
export class EventIdConflictError extends EventStoreError {
  readonly eventIds: readonly string[];
  constructor(stream: string, eventIds: readonly string[], options?: { cause?: unknown }) {
    super(
      'EVENT_ID_CONFLICT',
      `Event id(s) ${eventIds.join(', ')} already appended with other content or position (stream ${stream})`,
      options,
    );
    this.eventIds = eventIds;
  }
}

/** The event's data (or envelope) does not satisfy its schema. `path` names the offending field. */
export class EventValidationError extends EventStoreError {
  readonly eventType: string;
  readonly path: string;
  constructor(eventType: string, path: string, problem: string) {
    super('EVENT_INVALID', `${eventType}: ${path ? `field "${path}"` : 'event'} ${problem}`);
    this.eventType = eventType;
    this.path = path;
  }
}

/** An event's serialized data and metadata exceed the store's limit (1 MiB). */
export class PayloadTooLargeError extends EventStoreError {
  readonly bytes: number;
  readonly limit: number;
  constructor(eventType: string, bytes: number, limit: number) {
    super('PAYLOAD_TOO_LARGE', `${eventType}: payload of ${bytes} bytes exceeds the ${limit}-byte limit`);
    this.bytes = bytes;
    this.limit = limit;
  }
}
