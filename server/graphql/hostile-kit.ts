// Helpers of the hostile-input suites: a locked-down API, raw graphql-ws sockets, forged tokens.
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { eventCatalogue } from '../../schema/events/index.ts';
import { DEFAULT_LOGIN_THROTTLE } from '../auth/login-throttle.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { type GraphQLBody, startTestApi, TEST_JWT_SECRET, type TestApi } from './api-testkit.ts';

export const RUN_EVENTS = 'subscription($runId: ID!) { runEvents(runId: $runId) { position } }';
export const METRICS_TOKEN = 'metrics-token-metrics-token-0123456789';

/**
 * The API as production runs it (no introspection), with a low cost limit (60) so a modest query
 * is over it, no practical rate limit, and METRICS_TOKEN set. `finish` checks that the attempts
 * stored nothing but `expectedTypes` (in order) and that everything stored is valid, then closes.
 */
export async function startHostileApi(): Promise<{
  t: TestApi;
  admin: string;
  finish(expectedTypes: string[]): Promise<void>;
}> {
  const target = await createTestPglite();
  const t = await startTestApi({
    db: target.db,
    production: true,
    limits: { query: { maxCost: 60 }, rate: { capacity: 100_000, refillPerSecond: 100_000 } },
    env: { METRICS_TOKEN },
    // Locked for a minute, not a second: on a busy machine five logins can outlast a 1 s lock, and
    // the test asks whether the lock holds, not how long.
    loginThrottle: { ...DEFAULT_LOGIN_THROTTLE, baseMs: 60_000 },
  });
  const admin = await t.tokenFor('admin');
  const storedBefore = (await t.store.readAll()).length;
  return {
    t,
    admin,
    async finish(expectedTypes) {
      try {
        const stored = await t.store.readAll();
        for (const event of stored)
          assert.doesNotThrow(() => eventCatalogue.validate(event.type, event.data), event.type);
        assert.deepEqual(
          stored.slice(storedBefore).map((event) => event.type),
          expectedTypes,
        );
      } finally {
        await t.close();
        await target.drop();
      }
    },
  };
}

/** A JWT signed with the server's secret (so only its `exp` can make it fail). */
export async function jwt(role: string, expiresInSeconds: number): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`hostile-${role}`)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

/** Opens a raw graphql-ws socket; resolves its close code (or null after `timeoutMs`). */
export function rawSocket(url: string, token: string) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const messages: { id?: string; type: string; payload?: unknown }[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve();
    });
    socket.once('close', (code) => reject(new Error(`closed ${code} before ack`)));
  });
  return {
    socket,
    messages,
    ready,
    send: (message: unknown) => socket.send(JSON.stringify(message)),
    closeCode: (timeoutMs: number) =>
      Promise.race([closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))]),
    /** The payload of the first `next` or `error` message for operation `id`. */
    async reply(id: string, timeoutMs = 5000): Promise<{ type: string; payload: unknown }> {
      for (let waited = 0; waited < timeoutMs; waited += 20) {
        const found = messages.find((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
        if (found) return { type: found.type, payload: found.payload };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no reply to ${id}`);
    },
  };
}

/** The first error's code (`extensions.code`) of a graphql-ws `next` or `error` payload. */
export function codeOf(reply: { type: string; payload: unknown }): unknown {
  const errors =
    reply.type === 'error' ? (reply.payload as GraphQLBody['errors']) : (reply.payload as GraphQLBody).errors;
  return errors?.[0]?.extensions?.code;
}
