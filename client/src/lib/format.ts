// Formatting for numbers, money, durations and times, shared by every page.
const EM_DASH = '—';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInteger(value: number | null | undefined): string {
  return value == null ? EM_DASH : integer.format(value);
}

/** 950, 12.3k, 4.5M: for token counts in tight spaces. */
export function formatCompact(value: number | null | undefined): string {
  if (value == null) return EM_DASH;
  const abs = Math.abs(value);
  if (abs < 1000) return integer.format(value);
  if (abs < 1_000_000) return `${trimZero((value / 1000).toFixed(abs < 10_000 ? 2 : 1))}k`;
  if (abs < 1_000_000_000) return `${trimZero((value / 1_000_000).toFixed(abs < 10_000_000 ? 2 : 1))}M`;
  return `${trimZero((value / 1_000_000_000).toFixed(2))}B`;
}

function trimZero(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** US dollars; sub-cent amounts keep four decimals so that cheap calls do not all read $0.00. */
export function formatCost(usd: number | null | undefined): string {
  if (usd == null) return EM_DASH;
  if (usd === 0) return '$0.00';
  const abs = Math.abs(usd);
  if (abs < 0.01) return `${usd < 0 ? '-' : ''}$${abs.toFixed(4)}`;
  if (abs < 1000) return `${usd < 0 ? '-' : ''}$${abs.toFixed(2)}`;
  return `${usd < 0 ? '-' : ''}$${integer.format(abs)}`;
}

/** 850 ms, 12.3 s, 4m 05s, 2h 03m, 3d 04h. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return EM_DASH;
  if (ms < 0) return formatDuration(0);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trimZero((ms / 1000).toFixed(1))} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ${pad(Math.floor((seconds % 3600) / 60))}m`;
  return `${Math.floor(seconds / 86_400)}d ${pad(Math.floor((seconds % 86_400) / 3600))}h`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Time left until a deadline: "4m 05s", "2h 03m"; "Expired" once it has passed. */
export function formatCountdown(msLeft: number): string {
  if (msLeft <= 0) return 'Expired';
  if (msLeft < 60_000) return `${Math.ceil(msLeft / 1000)}s`;
  return formatDuration(msLeft);
}

/** "just now", "5 min ago", "3 h ago", "2 d ago" (or "in 5 min" for the future). */
export function formatRelativeTime(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return EM_DASH;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return EM_DASH;
  const delta = now - at;
  const abs = Math.abs(delta);
  let text: string;
  if (abs < 45_000) return 'just now';
  if (abs < 3_600_000) text = `${Math.round(abs / 60_000)} min`;
  else if (abs < 86_400_000) text = `${Math.round(abs / 3_600_000)} h`;
  else text = `${Math.round(abs / 86_400_000)} d`;
  return delta >= 0 ? `${text} ago` : `in ${text}`;
}

/**
 * "Nov 25, 03:37:14" in the viewer's time zone (or the one given); "Nov 25, 2025, 03:37:14" when
 * not in the year of `now`. Shown with `formatFullDateTime` on hover (`ui/date-time.tsx`).
 */
export function formatDateTime(
  iso: string | null | undefined,
  timeZone?: string,
  now: Date = new Date(),
): string {
  const date = parseDate(iso);
  if (!date) return EM_DASH;
  const zone = timeZone ? { timeZone } : {};
  const sameYear = yearOf(date, timeZone) === yearOf(now, timeZone);
  return date.toLocaleString('en-US', {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    // Not `hour12: false`, which writes midnight as 24:00 in en-US.
    hourCycle: 'h23',
    ...zone,
  });
}

/**
 * "Wednesday, November 25, 2026 at 03:37:14 GMT+1 (Europe/Paris)": the whole instant with its time
 * zone, for a title on hover, so that a short date never leaves the reader guessing.
 */
export function formatFullDateTime(iso: string | null | undefined, timeZone?: string): string {
  const date = parseDate(iso);
  if (!date) return EM_DASH;
  const zoneName = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const text = date.toLocaleString('en-US', {
    dateStyle: 'full',
    timeStyle: 'long',
    hourCycle: 'h23',
    timeZone: zoneName,
  });
  return text.endsWith(` ${zoneName}`) ? text : `${text} (${zoneName})`;
}

function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function yearOf(date: Date, timeZone: string | undefined): string {
  return date.toLocaleString('en-US', { year: 'numeric', ...(timeZone ? { timeZone } : {}) });
}

/** The first block of a UUID: enough to tell runs apart on screen. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** WAITING_FOR_APPROVAL → "Waiting for approval". */
export function humanizeEnum(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Midnight today in the viewer's time zone, as an ISO instant. */
export function startOfToday(now: Date = new Date()): string {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  return midnight.toISOString();
}

/** "12.5%" with at most one decimal. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio == null || !Number.isFinite(ratio)) return EM_DASH;
  return `${trimZero((ratio * 100).toFixed(1))}%`;
}

const PROVIDER_NAMES: Record<string, string> = { OPENAI: 'OpenAI', ANTHROPIC: 'Anthropic', DEMO: 'Demo' };

/** OPENAI → "OpenAI": the brand, not the enum. */
export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? humanizeEnum(provider);
}
