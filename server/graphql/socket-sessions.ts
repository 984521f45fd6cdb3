import { CloseCode } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { AuthService } from '../auth/auth-service.ts';
import type { Viewer } from '../auth/roles.ts';

/** Close code for a socket whose token expired or was revoked (graphql-ws' Unauthorized). */
export const TOKEN_ENDED_CLOSE_CODE = CloseCode.Unauthorized;

/** What a socket authenticated with in `connection_init`. */
interface Session {
  viewer: Viewer | null;
  expiry: NodeJS.Timeout | null;
}

export interface SocketSessions {
  /** Registers a socket's viewer; a JWT's expiry closes the socket at that moment. */
  open(socket: WebSocket, viewer: Viewer | null): void;
  forget(socket: WebSocket): void;
  /**
   * The socket's viewer, re-checked now: a revoked or expired API token, an expired JWT or a
   * suspended or removed account closes the socket (4401) and returns `undefined`. Cheap: a JWT's
   * signature was verified at connect, so `exp` is compared and its account looked up by key; an
   * API token costs one indexed look-up.
   */
  current(socket: WebSocket): Promise<Viewer | null | undefined>;
  /** Stops the periodic re-check. */
  dispose(): void;
}

// setTimeout takes at most a signed 32-bit delay; later expiries are left to the periodic check.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Token re-checks for open graphql-ws connections. Subscriptions already running end too: a JWT
 * closes its socket when it expires (a timer per socket), and every `recheckMs` one query finds
 * the API tokens revoked or expired and the accounts suspended since (one look-up each for every
 * socket of the process, not one per event).
 */
export function createSocketSessions(options: {
  auth: AuthService;
  recheckMs: number;
  now?: () => number;
}): SocketSessions {
  const { auth } = options;
  const now = options.now ?? Date.now;
  const sessions = new Map<WebSocket, Session>();

  const end = (socket: WebSocket, reason: string) => {
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING)
      socket.close(TOKEN_ENDED_CLOSE_CODE, reason);
  };
  const expired = (viewer: Viewer) => viewer.expiresAt != null && viewer.expiresAt.getTime() <= now();

  const recheck = async () => {
    const byToken = new Map<string, WebSocket[]>();
    const byUser = new Map<string, WebSocket[]>();
    for (const [socket, session] of sessions) {
      const viewer = session.viewer;
      if (viewer && expired(viewer)) end(socket, 'Unauthorized: the token expired');
      else if (viewer?.tokenId) byToken.set(viewer.tokenId, [...(byToken.get(viewer.tokenId) ?? []), socket]);
      else if (viewer) byUser.set(viewer.id, [...(byUser.get(viewer.id) ?? []), socket]);
    }
    if (byToken.size > 0) {
      const live = await auth.liveApiTokenIds([...byToken.keys()]);
      for (const [tokenId, sockets] of byToken)
        if (!live.has(tokenId))
          for (const socket of sockets) end(socket, 'Unauthorized: the API token was revoked or expired');
    }
    if (byUser.size > 0) {
      const ended = await auth.endedUserIds([...byUser.keys()]);
      for (const userId of ended)
        for (const socket of byUser.get(userId) ?? [])
          end(socket, 'Unauthorized: the account was deactivated');
    }
  };
  let checking = false;
  const interval = setInterval(() => {
    if (checking) return;
    checking = true;
    // A failed look-up (database briefly away) is retried on the next tick; new operations still check.
    recheck()
      .catch(() => {})
      .finally(() => {
        checking = false;
      });
  }, options.recheckMs);
  interval.unref();

  return {
    open(socket, viewer) {
      let expiry: NodeJS.Timeout | null = null;
      const expiresAt = viewer?.expiresAt?.getTime();
      if (expiresAt !== undefined && expiresAt - now() < MAX_TIMER_MS) {
        expiry = setTimeout(
          () => end(socket, 'Unauthorized: the token expired'),
          Math.max(0, expiresAt - now()),
        );
        expiry.unref();
      }
      sessions.set(socket, { viewer, expiry });
    },
    forget(socket) {
      const session = sessions.get(socket);
      if (session?.expiry) clearTimeout(session.expiry);
      sessions.delete(socket);
    },
    async current(socket) {
      const session = sessions.get(socket);
      if (!session) return undefined;
      const viewer = session.viewer;
      if (!viewer) return null;
      if (expired(viewer)) {
        end(socket, 'Unauthorized: the token expired');
        return undefined;
      }
      if (viewer.tokenId && !(await auth.liveApiTokenIds([viewer.tokenId])).has(viewer.tokenId)) {
        end(socket, 'Unauthorized: the API token was revoked or expired');
        return undefined;
      }
      if (!viewer.tokenId && (await auth.endedUserIds([viewer.id])).has(viewer.id)) {
        end(socket, 'Unauthorized: the account was deactivated');
        return undefined;
      }
      return viewer;
    },
    dispose() {
      clearInterval(interval);
      for (const session of sessions.values()) if (session.expiry) clearTimeout(session.expiry);
      sessions.clear();
    },
  };
}
