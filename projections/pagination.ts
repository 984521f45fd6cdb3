/** A page request in the Relay style: the first `first` items after the `after` cursor. */
export interface PageRequest {
  /** How many items (default 20, at most 200). */
  first?: number;
  /** An `endCursor` from the previous page; omitted: from the start. */
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  /** The cursor of the last item, to pass as `after`; null when the page is empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

/** A page request the caller got wrong (the API reports it as bad user input). */
export class InvalidPageRequestError extends Error {
  readonly code = 'INVALID_PAGE_REQUEST';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidPageRequestError';
  }
}

/** The list queries sort newest first by (time, id): a cursor is that pair. */
export interface TimeIdCursor {
  at: Date;
  id: string;
}

export function encodeCursor(cursor: TimeIdCursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');
}

/** @throws InvalidPageRequestError when the cursor was not made by `encodeCursor`. */
export function decodeCursor(cursor: string): TimeIdCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [at, id] = parsed;
      const time = typeof at === 'string' ? new Date(at) : null;
      if (time && !Number.isNaN(time.getTime()) && typeof id === 'string') return { at: time, id };
    }
  } catch (error) {
    throw new InvalidPageRequestError('The cursor is not valid', { cause: error });
  }
  throw new InvalidPageRequestError('The cursor is not valid');
}

/** @throws InvalidPageRequestError when `first` is not a whole number from 1 to MAX_PAGE_SIZE. */
export function pageSize(request: PageRequest): number {
  const first = request.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InvalidPageRequestError(`first must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** Cuts the `size + 1` rows a query fetched into a page. */
export function toPage<R, T>(
  rows: readonly R[],
  size: number,
  map: (row: R) => T,
  cursorOf: (item: T) => TimeIdCursor,
): Page<T> {
  const items = rows.slice(0, size).map(map);
  const last = items[items.length - 1];
  return { items, endCursor: last ? encodeCursor(cursorOf(last)) : null, hasNextPage: rows.length > size };
}
