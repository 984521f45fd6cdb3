import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { generateTickets, TICKET_COLUMNS, ticketInsert } from './generate-tickets.ts';

describe('generateTickets', () => {
  const tickets = generateTickets();

  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(generateTickets(), tickets);
    assert.notDeepEqual(generateTickets(240, 7), tickets);
  });

  it('makes at least 200 tickets with sequential ids in time order', () => {
    assert.ok(tickets.length >= 200);
    for (const [index, ticket] of tickets.entries()) assert.equal(ticket.id, index + 1);
    for (let i = 1; i < tickets.length; i++) {
      assert.ok((tickets[i - 1]?.created_at ?? '') <= (tickets[i]?.created_at ?? ''));
    }
    assert.ok(
      tickets.every((ticket) => ticket.created_at >= '2025-01-06' && ticket.created_at < '2025-07-01'),
    );
  });

  it('keeps fields consistent: only solved tickets have a resolution, ratings are 1–5', () => {
    for (const ticket of tickets) {
      const solved = ticket.status === 'solved' || ticket.status === 'closed';
      assert.equal(ticket.resolution_hours !== null, solved, `ticket ${ticket.id}`);
      if (ticket.satisfaction !== null) {
        assert.ok(solved && ticket.satisfaction >= 1 && ticket.satisfaction <= 5);
      }
      if (ticket.status !== 'open') assert.notEqual(ticket.first_response_minutes, null);
      assert.ok(ticket.body.includes(ticket.customer));
    }
  });

  it('covers every channel, category, priority and status, and all five ratings', () => {
    const values = (key: 'channel' | 'category' | 'priority' | 'status' | 'satisfaction') =>
      new Set(tickets.map((ticket) => ticket[key]));
    assert.deepEqual([...values('channel')].sort(), ['chat', 'email', 'phone', 'web']);
    assert.equal(values('category').size, 8);
    assert.deepEqual([...values('priority')].sort(), ['high', 'low', 'normal', 'urgent']);
    assert.deepEqual([...values('status')].sort(), ['closed', 'open', 'pending', 'solved']);
    assert.deepEqual([...values('satisfaction')].filter((v) => v !== null).sort(), [1, 2, 3, 4, 5]);
  });

  it('builds one parameterized INSERT with a placeholder per value', () => {
    const insert = ticketInsert(tickets.slice(0, 2));
    assert.equal(insert.params.length, 2 * TICKET_COLUMNS.length);
    assert.match(insert.text, /^INSERT INTO tickets \(id, created_at, .*\) VALUES \(\$1, .*\$24\)$/);
  });
});
