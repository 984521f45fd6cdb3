import { isIPv4, isIPv6 } from 'node:net';

/** Whether an address may be reached from a tool, and if not, why (named for the error message). */
export type AddressVerdict = { blocked: false } | { blocked: true; reason: string };

interface Range {
  base: bigint;
  bits: number;
  reason: string;
}

function v4Range(cidr: string, reason: string): Range {
  const [address = '', bits = '32'] = cidr.split('/');
  return { base: BigInt(parseIPv4(address) ?? 0), bits: Number(bits), reason };
}

function v6Range(cidr: string, reason = ''): Range {
  const [address = '', bits = '128'] = cidr.split('/');
  return { base: parseIPv6(address) ?? 0n, bits: Number(bits), reason };
}

// First match wins, so the specific entries (metadata endpoints) come before their enclosing ranges.
const V4_RANGES: Range[] = [
  v4Range('169.254.169.254/32', 'cloud metadata'),
  v4Range('100.100.100.200/32', 'cloud metadata'),
  v4Range('0.0.0.0/8', 'unspecified'),
  v4Range('10.0.0.0/8', 'private'),
  v4Range('100.64.0.0/10', 'carrier-grade NAT'),
  v4Range('127.0.0.0/8', 'loopback'),
  v4Range('169.254.0.0/16', 'link-local'),
  v4Range('172.16.0.0/12', 'private'),
  v4Range('192.0.0.0/24', 'IETF protocol assignment'),
  v4Range('192.0.2.0/24', 'documentation'),
  v4Range('192.88.99.0/24', '6to4 relay'),
  v4Range('192.168.0.0/16', 'private'),
  v4Range('198.18.0.0/15', 'benchmarking'),
  v4Range('198.51.100.0/24', 'documentation'),
  v4Range('203.0.113.0/24', 'documentation'),
  v4Range('224.0.0.0/4', 'multicast'),
  v4Range('240.0.0.0/4', 'reserved'),
];

const V6_RANGES: Range[] = [
  v6Range('::/128', 'unspecified'),
  v6Range('::1/128', 'loopback'),
  v6Range('fd00:ec2::254/128', 'cloud metadata'),
  v6Range('64:ff9b:1::/48', 'local NAT64'),
  v6Range('100::/64', 'discard-only'),
  v6Range('2001::/32', 'Teredo tunnel'),
  v6Range('2001:db8::/32', 'documentation'),
  v6Range('fc00::/7', 'private'),
  v6Range('fe80::/10', 'link-local'),
  v6Range('fec0::/10', 'site-local'),
  v6Range('ff00::/8', 'multicast'),
];

/** IPv6 prefixes that embed an IPv4 address, which is then what gets checked. */
const EMBEDDED_V4: { range: Range; shift: bigint; label: string }[] = [
  { range: v6Range('::ffff:0:0/96'), shift: 0n, label: 'IPv4-mapped' },
  { range: v6Range('::/96'), shift: 0n, label: 'IPv4-compatible' },
  { range: v6Range('64:ff9b::/96'), shift: 0n, label: 'NAT64' },
  { range: v6Range('2002::/16'), shift: 80n, label: '6to4' },
].map(({ range, shift, label }) => ({ range: { ...range, reason: label }, shift, label }));

function inRange(value: bigint, range: Range, width: number): boolean {
  const shift = BigInt(width - range.bits);
  return value >> shift === range.base >> shift;
}

/**
 * Classifies an IP literal (IPv4, IPv6 with or without brackets or zone id). Blocks loopback,
 * private, link-local, cloud metadata, unspecified, CGNAT, multicast, documentation and reserved
 * ranges, and IPv6 forms that embed such an IPv4 address (`::ffff:127.0.0.1`, NAT64, 6to4).
 * Anything that is not a parseable IP literal is blocked too: callers resolve names first.
 */
export function classifyAddress(address: string): AddressVerdict {
  const text = address.replace(/^\[|\]$/g, '');
  const v4 = parseIPv4(text);
  if (v4 !== null) {
    const range = V4_RANGES.find((candidate) => inRange(BigInt(v4), candidate, 32));
    return range ? { blocked: true, reason: range.reason } : { blocked: false };
  }
  const v6 = parseIPv6(text);
  if (v6 === null) return { blocked: true, reason: 'not an IP address' };
  const range = V6_RANGES.find((candidate) => inRange(v6, candidate, 128));
  if (range) return { blocked: true, reason: range.reason };
  for (const { range: prefix, shift, label } of EMBEDDED_V4) {
    if (!inRange(v6, prefix, 128)) continue;
    const embedded = Number((v6 >> shift) & 0xffffffffn);
    const inner = classifyAddress(formatIPv4(embedded));
    return inner.blocked ? { blocked: true, reason: `${label} ${inner.reason}` } : inner;
  }
  return { blocked: false };
}

/** The IPv4 address as an unsigned 32-bit number, or null when `text` is not dotted-quad IPv4. */
export function parseIPv4(text: string): number | null {
  if (!isIPv4(text)) return null;
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** The IPv6 address as a 128-bit bigint (zone id ignored), or null when `text` is not IPv6. */
export function parseIPv6(text: string): bigint | null {
  let s = text.replace(/%.*$/, '');
  if (!isIPv6(s)) return null;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = s.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const fill = rest === undefined ? 0 : 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...Array<string>(fill).fill('0'), ...restGroups];
  if (groups.length !== 8) return null;
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}
