import {
  CATEGORIES,
  CHANNELS,
  CONTACTS,
  CUSTOMERS,
  FIRST_RESPONSE,
  MONTHS,
  RESOLUTION,
} from './ticket-vocabulary.ts';

/** One support ticket of the bundled demo dataset (the `tickets` table). */
export interface DemoTicket {
  id: number;
  created_at: string;
  customer: string;
  channel: 'email' | 'chat' | 'web' | 'phone';
  category: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: 'open' | 'pending' | 'solved' | 'closed';
  subject: string;
  body: string;
  /** Null while nobody has answered yet. */
  first_response_minutes: number | null;
  /** Null until solved. */
  resolution_hours: number | null;
  /** 1–5, null when the customer did not rate (or the ticket is not solved). */
  satisfaction: number | null;
}

/** DDL of the demo table; also shown to the model in run_sql's description. */
export const DEMO_TICKETS_DDL = `CREATE TABLE tickets (
  id integer PRIMARY KEY,
  created_at timestamptz NOT NULL,
  customer text NOT NULL,
  channel text NOT NULL,            -- email | chat | web | phone
  category text NOT NULL,           -- billing | login | bug | performance | integration | feature_request | outage | account
  priority text NOT NULL,           -- low | normal | high | urgent
  status text NOT NULL,             -- open | pending | solved | closed
  subject text NOT NULL,
  body text NOT NULL,
  first_response_minutes integer,   -- null while unanswered
  resolution_hours double precision, -- null until solved
  satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5) -- null when unrated
)`;

/** mulberry32: a tiny seeded PRNG, so the dataset is identical on every machine. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tickets from 2025-01-06 to 2025-06-30, the dataset's "now". */
const START = Date.UTC(2025, 0, 6);
const NOW = Date.UTC(2025, 6, 1);

/** The seeded random helpers one generation run shares. */
interface Dice {
  random(): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  between(low: number, high: number): number;
}

function createDice(seed: number): Dice {
  const random = createRandom(seed);
  return {
    random,
    pick: (items) => items[Math.floor(random() * items.length)] as (typeof items)[number],
    weighted(items, weight) {
      let roll = random() * items.reduce((sum, item) => sum + weight(item), 0);
      for (const item of items) {
        roll -= weight(item);
        if (roll < 0) return item;
      }
      return items[items.length - 1] as (typeof items)[number];
    },
    between: (low, high) => low + random() * (high - low),
  };
}

/**
 * The demo dataset: `count` realistic support tickets, identical for the same `seed`.
 * Older tickets are mostly solved; urgent ones are answered faster; slow resolutions rate lower.
 */
export function generateTickets(count = 240, seed = 20250106): DemoTicket[] {
  const dice = createDice(seed);
  return Array.from({ length: count }, () => draftTicket(dice))
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
    .map((ticket, index) => ({ ...ticket, id: index + 1 }));
}

function draftTicket(dice: Dice): DemoTicket {
  const { random, pick, weighted, between } = dice;
  const day = Math.floor(random() * ((NOW - START) / 86_400_000));
  const hour = random() < 0.85 ? Math.floor(between(7, 19)) : Math.floor(between(0, 24));
  const created = START + day * 86_400_000 + hour * 3_600_000 + Math.floor(random() * 3600) * 1000;
  // A few large customers file most tickets (rank-based, like real support queues).
  const customer = CUSTOMERS[
    Math.min(CUSTOMERS.length - 1, Math.floor(random() ** 2 * CUSTOMERS.length))
  ] as string;
  const category = weighted(CATEGORIES, (item) => item.weight);
  const [channel, , speed] = weighted(CHANNELS, (item) => item[1]);
  const priority = pick(category.priorities);
  const fill = (text: string): string =>
    text
      .replace('{month}', pick(MONTHS))
      .replace('{n}', String(Math.floor(between(10_000, 99_999))))
      .replace('{k}', String(Math.floor(between(2, 15))));
  const subject = fill(pick(category.subjects));
  const details = `${fill(pick(category.details))} ${fill(pick(category.details))}`;
  return {
    id: 0,
    created_at: new Date(created).toISOString(),
    customer,
    channel,
    category: category.name,
    priority,
    subject,
    body: `Hi, this is ${pick(CONTACTS)} from ${customer}. ${subject}. ${details}`,
    ...ticketOutcome(dice, priority, (NOW - created) / 86_400_000, speed),
  };
}

/** Status, response and resolution times and rating, as a queue would have them on the dataset's "now". */
function ticketOutcome(
  { random, between }: Dice,
  priority: DemoTicket['priority'],
  ageDays: number,
  speed: number,
): Pick<DemoTicket, 'status' | 'first_response_minutes' | 'resolution_hours' | 'satisfaction'> {
  const solvedChance = ageDays > 30 ? 0.95 : ageDays > 7 ? 0.7 : 0.3;
  let status: DemoTicket['status'] = random() < 0.5 ? 'pending' : 'open';
  if (random() < solvedChance) status = ageDays > 14 && random() < 0.6 ? 'closed' : 'solved';
  const [low, high] = FIRST_RESPONSE[priority];
  const answered = status !== 'open' || random() < 0.5;
  const firstResponse = answered ? Math.max(1, Math.round(between(low, high) * speed)) : null;
  const solved = status === 'solved' || status === 'closed';
  const resolution = solved ? Math.round(RESOLUTION[priority] * between(0.2, 2.5) * 10) / 10 : null;
  let satisfaction: number | null = null;
  if (resolution !== null && random() < 0.7) {
    const slowResponse = firstResponse !== null && firstResponse > high * 0.8 ? 1 : 0;
    const score = 5.3 - (resolution / RESOLUTION[priority]) * 1.1 - slowResponse + between(-0.8, 0.8);
    satisfaction = Math.min(5, Math.max(1, Math.round(score)));
  }
  return { status, first_response_minutes: firstResponse, resolution_hours: resolution, satisfaction };
}

/** Column order of the INSERT that {@link ticketInsert} builds. */
export const TICKET_COLUMNS = [
  'id',
  'created_at',
  'customer',
  'channel',
  'category',
  'priority',
  'status',
  'subject',
  'body',
  'first_response_minutes',
  'resolution_hours',
  'satisfaction',
] as const satisfies readonly (keyof DemoTicket)[];

/** One parameterized multi-row INSERT for `tickets`. */
export function ticketInsert(tickets: DemoTicket[]): { text: string; params: unknown[] } {
  const width = TICKET_COLUMNS.length;
  const rows = tickets.map(
    (_, row) => `(${TICKET_COLUMNS.map((__, col) => `$${row * width + col + 1}`).join(', ')})`,
  );
  return {
    text: `INSERT INTO tickets (${TICKET_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`,
    params: tickets.flatMap((ticket) => TICKET_COLUMNS.map((column) => ticket[column])),
  };
}
