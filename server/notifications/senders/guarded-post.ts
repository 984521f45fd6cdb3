import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { classifyAddress } from '../../activities/tools/blocked-address.ts';

/** An HTTP answer as a delivery needs it. */
export interface PostResponse {
  status: number;
  /** Retry-After as sent (seconds or an HTTP date), or null. */
  retryAfter: string | null;
  /** The first 500 characters of the body, for the delivery log. */
  bodyStart: string;
}

/** The receiver's address is not one a notification may reach (not retried). */
export class BlockedReceiverError extends Error {
  readonly code = 'ADDRESS_BLOCKED';
}

export interface GuardedPostOptions {
  /** Host names or IP literals exempt from the address check (NOTIFICATION_ALLOW_HOSTS), exact match. */
  allowHosts: readonly string[];
  timeoutMs: number;
}

export type GuardedPost = (
  url: string,
  body: string,
  headers: Record<string, string>,
) => Promise<PostResponse>;

const norm = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, '');

/**
 * POSTs with the `http_request` tool's address policy (server/activities/tools/blocked-address.ts):
 * loopback, private, link-local and metadata addresses are refused after DNS resolution, and the
 * connection uses the address that was checked (no DNS rebinding). Redirects are not followed: a
 * receiver answers where it was configured. `allowHosts` lets tests (and on-premise receivers) in.
 */
export function createGuardedPost(options: GuardedPostOptions): {
  post: GuardedPost;
  close(): Promise<void>;
} {
  const allowed = new Set(options.allowHosts.map(norm));
  const check = (host: string, address: string) => {
    if (allowed.has(norm(host))) return;
    const verdict = classifyAddress(address);
    if (verdict.blocked)
      throw new BlockedReceiverError(
        `Refused ${host}: it is a ${verdict.reason} address (see NOTIFICATION_ALLOW_HOSTS)`,
      );
  };
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '');
      try {
        for (const { address } of addresses) check(hostname, address);
      } catch (blocked) {
        return callback(blocked as NodeJS.ErrnoException, '');
      }
      const first = addresses[0] as LookupAddress;
      if (lookupOptions.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
  const dispatcher = new Agent({ connect: { lookup }, connections: 8 });
  return {
    async post(url, body, headers) {
      const target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        throw new BlockedReceiverError(`Only http and https receivers, not ${target.protocol}`);
      const host = norm(target.hostname);
      // net.connect skips the lookup for an IP literal: check it here.
      if (isIP(host) !== 0) check(host, host);
      try {
        const response = await request(target, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Spark-Ops-Notifications/1',
            ...headers,
          },
          dispatcher,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const text = await response.body.text().catch(() => '');
        const retryAfter = response.headers['retry-after'];
        return {
          status: response.statusCode,
          retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
          bodyStart: text.slice(0, 500),
        };
      } catch (error) {
        for (let cause: unknown = error; cause instanceof Error; cause = cause.cause)
          if (cause instanceof BlockedReceiverError) throw cause;
        throw error;
      }
    },
    close: () => dispatcher.close(),
  };
}
