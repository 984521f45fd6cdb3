/** PostgreSQL type OIDs whose text form run_sql converts itself (same for `pg` and PGlite). */
const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  money: 790,
} as const;

const TIMESTAMPTZ = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(?::?(\d\d))?(?::?(\d\d))?$/;

/** int8 as a number when exact, else the decimal string (JSON has no 64-bit integers). */
function parseInt8(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

/** numeric as a number when it survives the round trip to double, else the exact string. */
function parseNumeric(text: string): number | string {
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return digits.length <= 15 ? value : text;
}

/** timestamptz (any session time zone) as an ISO-8601 UTC string; BC dates and infinity stay text. */
function parseTimestamptz(text: string): string {
  const match = TIMESTAMPTZ.exec(text);
  if (!match) return text;
  const [, date, time, hours, minutes = '00', seconds] = match;
  // JavaScript dates cannot carry second-level offsets (pre-1900 local mean time); keep those as text.
  if (seconds !== undefined && seconds !== '00') return text;
  const parsed = new Date(`${date}T${time}${hours}:${minutes}`);
  return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString();
}

/**
 * Parsers keyed by type OID that make query results plain JSON: timestamps become ISO strings
 * (`timestamp` without zone keeps no `Z`), dates stay `YYYY-MM-DD` (never shifted to local
 * midnight), int8 and numeric become numbers when exact, intervals and money stay text.
 */
export const SQL_VALUE_PARSERS: Record<number, (text: string) => unknown> = {
  [OID.int8]: parseInt8,
  [OID.numeric]: parseNumeric,
  [OID.date]: (text) => text,
  [OID.timestamp]: (text) => text.replace(' ', 'T'),
  [OID.timestamptz]: parseTimestamptz,
  [OID.interval]: (text) => text,
  [OID.money]: (text) => text,
};

/** A query's rows as objects; repeated column names get a suffix (`count`, `count_2`). */
export function rowsToObjects(columns: string[], rows: unknown[][]): Record<string, unknown>[] {
  const seen = new Map<string, number>();
  const keys = columns.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
  return rows.map((row) => Object.fromEntries(keys.map((key, index) => [key, toJsonValue(row[index])])));
}

/** Anything a driver may still hand back (Date, Uint8Array, bigint) as JSON. */
function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return value.map(toJsonValue);
  return value;
}
