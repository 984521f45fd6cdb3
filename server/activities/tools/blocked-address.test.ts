import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { classifyAddress, parseIPv4, parseIPv6 } from './blocked-address.ts';

const blocked: [string, string][] = [
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'cloud metadata'],
  ['169.254.1.1', 'link-local'],
  ['100.100.100.200', 'cloud metadata'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['0.0.0.0', 'unspecified'],
  ['255.255.255.255', 'reserved'],
  ['224.0.0.1', 'multicast'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['fd00:ec2::254', 'cloud metadata'],
  ['fc00::1', 'private'],
  ['fd12:3456::1', 'private'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback'],
  ['::ffff:169.254.169.254', 'IPv4-mapped cloud metadata'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::127.0.0.1', 'IPv4-compatible loopback'],
  ['64:ff9b::a00:1', 'NAT64 private'],
  ['2002:7f00:1::', '6to4 loopback'],
];

const allowed = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '172.32.0.1',
  '100.128.0.1',
  '2606:4700::1111',
  '::ffff:8.8.8.8',
];

describe('classifyAddress', () => {
  for (const [address, reason] of blocked) {
    it(`blocks ${address} as ${reason}`, () => {
      assert.deepEqual(classifyAddress(address), { blocked: true, reason });
    });
  }

  for (const address of allowed) {
    it(`allows ${address}`, () => assert.deepEqual(classifyAddress(address), { blocked: false }));
  }

  it('blocks anything that is not an IP literal', () => {
    assert.equal(classifyAddress('localhost').blocked, true);
    assert.equal(classifyAddress('').blocked, true);
  });

  it('judges an IPv4 address and its IPv4-mapped IPv6 form alike', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const plain = classifyAddress(ip);
        const mapped = classifyAddress(`::ffff:${ip}`);
        assert.equal(mapped.blocked, plain.blocked);
      }),
    );
  });

  it('blocks every address in 127/8, 10/8, 192.168/16 and fc00::/7', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(byte, byte, byte, fc.constantFrom('127', '10'), (a, b, c, first) => {
        assert.equal(classifyAddress(`${first}.${a}.${b}.${c}`).blocked, true);
        assert.equal(classifyAddress(`192.168.${a}.${b}`).blocked, true);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0xfc00, max: 0xfdff }),
        fc.integer({ min: 0, max: 0xffff }),
        (head, tail) => {
          assert.equal(classifyAddress(`${head.toString(16)}::${tail.toString(16)}`).blocked, true);
        },
      ),
    );
  });
});

describe('IP parsing', () => {
  it('parses IPv4 and IPv6 forms, including compressed and dotted tails', () => {
    assert.equal(parseIPv4('127.0.0.1'), 0x7f000001);
    assert.equal(parseIPv4('1.2.3'), null);
    assert.equal(parseIPv6('::1'), 1n);
    assert.equal(parseIPv6('::ffff:1.2.3.4'), 0xffff01020304n);
    assert.equal(parseIPv6('1::'), 1n << 112n);
    assert.equal(parseIPv6('not-an-ip'), null);
  });

  it('reads an IPv6 address and its canonical URL form to the same 128 bits', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
        const value = parseIPv6(ip);
        assert.notEqual(value, null);
        assert.equal(parseIPv6(canonical), value);
        assert.equal(classifyAddress(canonical).blocked, classifyAddress(ip).blocked);
      }),
    );
  });
});
