import { BlockList, isIP } from 'node:net';

/**
 * The proxies whose `X-Forwarded-For` is believed (TRUSTED_PROXIES): addresses and CIDR ranges.
 * Anything else that sends the header is taken for the client itself, so a caller cannot pick the
 * address a rate limit keys on.
 */
export interface TrustedProxies {
  /** True when `address` (as the socket reports it) is one of the configured proxies. */
  trusts(address: string): boolean;
}

function family(address: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
}

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, how dual-stack sockets report IPv4) as IPv4. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? (match[1] as string) : address;
}

/**
 * Parses a comma-separated list of addresses and CIDRs (`10.0.0.1, 10.1.0.0/16, fd00::/8`).
 * @throws Error naming the first entry that is neither.
 */
export function parseTrustedProxies(list: string): TrustedProxies {
  const blocks = new BlockList();
  for (const raw of list.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [address = '', prefix, extra] = entry.split('/');
    const kind = family(address);
    const bits = prefix === undefined ? null : Number(prefix);
    const maxBits = kind === 'ipv4' ? 32 : 128;
    if (
      !kind ||
      extra !== undefined ||
      (bits !== null && (!/^\d{1,3}$/.test(prefix as string) || bits > maxBits))
    ) {
      throw new Error(`"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.1 or 10.0.0.0/8)`);
    }
    if (bits === null) blocks.addAddress(address, kind);
    else blocks.addSubnet(address, bits, kind);
  }
  return {
    trusts(address) {
      const plain = unmapped(address);
      const kind = family(plain);
      return kind !== null && blocks.check(plain, kind);
    },
  };
}

/** No proxy is trusted: every client is its socket's address. */
export const NO_TRUSTED_PROXIES: TrustedProxies = { trusts: () => false };

/**
 * The client's address: the socket's peer, or — walking `X-Forwarded-For` from the right while
 * each hop is a trusted proxy — the first address no trusted proxy vouches for. Proxies append
 * the address they saw, so only the entries right of the last untrusted hop can be believed.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  proxies: TrustedProxies,
): string {
  let client = unmapped(peer ?? 'unknown');
  if (!proxies.trusts(client) || forwardedFor === undefined) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  while (hops.length > 0 && proxies.trusts(client)) {
    const hop = unmapped(hops.pop() as string);
    if (family(hop) === null) return client; // garbage in the header: stop at the last proxy
    client = hop;
  }
  return client;
}

/** The longest User-Agent the audit trail keeps (real ones are a few hundred characters). */
export const MAX_USER_AGENT = 512;

/** A User-Agent header as the audit trail keeps it: trimmed, at most MAX_USER_AGENT characters, null when absent. */
export function userAgentOf(header: string | string[] | null | undefined): string | null {
  const value = (Array.isArray(header) ? header.join(' ') : (header ?? '')).trim();
  return value === '' ? null : value.slice(0, MAX_USER_AGENT);
}
