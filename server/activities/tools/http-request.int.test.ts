import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { toolContext } from '../../testkit/tool-context.ts';
import { createHttpRequestTool, type HostLookup, type HttpRequestToolOptions } from './http-request.ts';
import { createToolRegistry } from './registry.ts';
import { ToolError } from './tool.ts';

const ctx = () => toolContext();

/** A fake DNS: names map to fixed addresses, everything else does not exist. */
function fakeDns(table: Record<string, string[]>): HostLookup {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

describe('http_request', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/json') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({ hello: 'world', method: req.method, auth: req.headers.authorization ?? null }),
        );
      } else if (url.pathname === '/redirect') {
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/json' }).end();
      } else if (url.pathname === '/loop') {
        res.writeHead(302, { location: `/loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` }).end();
      } else if (url.pathname === '/big') {
        res.setHeader('content-type', 'text/plain');
        const chunk = 'x'.repeat(64 * 1024);
        let sent = 0;
        const pump = (): void => {
          while (sent < 80 && res.write(chunk)) sent++;
          if (sent >= 80) res.end();
          else res.once('drain', pump);
        };
        pump();
      } else if (url.pathname === '/hang') {
        // Never answers: the tool's time cap has to end the call.
      } else if (url.pathname === '/binary') {
        res.end(Buffer.from([0xff, 0xfe, 0x00, 0x80]));
      } else {
        res.end('secret internal data');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function refused(url: string, options: HttpRequestToolOptions = {}): Promise<ToolError> {
    const tool = createHttpRequestTool({ lookup: fakeDns({}), ...options });
    const before = hits.length;
    try {
      await tool.run({ url, method: 'GET' }, ctx());
    } catch (error) {
      assert.ok(error instanceof ToolError, `expected ToolError, got ${String(error)}`);
      assert.equal(hits.length, before, 'the internal server must not have been reached');
      return error;
    } finally {
      await tool.close?.();
    }
    assert.fail(`${url} was not refused`);
  }

  it('refuses loopback, metadata, IPv6 loopback and IPv4-mapped literals', async () => {
    for (const [url, reason] of [
      [`http://127.0.0.1:${port}/`, 'loopback'],
      ['http://169.254.169.254/latest/meta-data/', 'cloud metadata'],
      [`http://[::1]:${port}/`, 'loopback'],
      [`http://[::ffff:127.0.0.1]:${port}/`, 'IPv4-mapped loopback'],
      [`http://2130706433:${port}/`, 'loopback'],
      [`http://0.0.0.0:${port}/`, 'unspecified'],
    ] as const) {
      const error = await refused(url);
      assert.equal(error.code, 'ADDRESS_BLOCKED', url);
      assert.equal(error.retryable, false);
      assert.match(error.message, new RegExp(reason));
    }
  });

  it('refuses a host name that resolves to a private address, or to any private address among several', async () => {
    const lookup = fakeDns({
      'intranet.example': ['10.0.0.1'],
      'mixed.example': ['93.184.216.34', '127.0.0.1'],
    });
    const first = await refused(`http://intranet.example:${port}/`, { lookup });
    assert.equal(first.code, 'ADDRESS_BLOCKED');
    assert.match(first.message, /intranet\.example.*10\.0\.0\.1.*private/);
    const second = await refused(`http://mixed.example:${port}/`, { lookup });
    assert.equal(second.code, 'ADDRESS_BLOCKED');
  });

  it('reaches an allow-listed local server and returns status, headers and body', async () => {
    const tool = createHttpRequestTool({
      allowHosts: ['local.test'],
      lookup: fakeDns({ 'local.test': ['127.0.0.1'] }),
    });
    try {
      const result = await tool.run({ url: `http://local.test:${port}/json`, method: 'GET' }, ctx());
      assert.equal(result.status, 200);
      assert.equal(result.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(result.body), { hello: 'world', method: 'GET', auth: null });
      assert.equal(result.truncated, false);
      const binary = await tool.run({ url: `http://local.test:${port}/binary`, method: 'GET' }, ctx());
      assert.equal(binary.bodyEncoding, 'base64');
      assert.deepEqual([...Buffer.from(binary.body, 'base64')], [0xff, 0xfe, 0x00, 0x80]);
    } finally {
      await tool.close?.();
    }
  });

  it('re-checks every redirect hop: an allowed host redirecting to loopback is refused', async () => {
    const lookup = fakeDns({ 'local.test': ['127.0.0.1'], 'evil.test': ['127.0.0.1'] });
    const tool = createHttpRequestTool({ allowHosts: ['local.test'], lookup });
    try {
      for (const target of [
        `http://127.0.0.1:${port}/secret`,
        `http://evil.test:${port}/secret`,
        `http://[::1]:${port}/`,
      ]) {
        const before = hits.filter((hit) => hit.startsWith('/secret')).length;
        const url = `http://local.test:${port}/redirect?to=${encodeURIComponent(target)}`;
        await assert.rejects(tool.run({ url, method: 'GET' }, ctx()), { code: 'ADDRESS_BLOCKED' });
        assert.equal(hits.filter((hit) => hit.startsWith('/secret')).length, before);
      }
      const ok = await tool.run(
        { url: `http://local.test:${port}/redirect?to=%2Fjson`, method: 'GET' },
        ctx(),
      );
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.redirects, [`http://local.test:${port}/json`]);
    } finally {
      await tool.close?.();
    }
  });

  it('keeps credentials on same-origin redirects and drops them across origins', async () => {
    const lookup = fakeDns({ 'local.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] });
    const tool = createHttpRequestTool({ allowHosts: ['local.test', 'other.test'], lookup });
    const headers = { authorization: 'Bearer secret-token' };
    try {
      const same = await tool.run(
        { url: `http://local.test:${port}/redirect?to=%2Fjson`, method: 'GET', headers },
        ctx(),
      );
      assert.equal(JSON.parse(same.body).auth, 'Bearer secret-token');
      const target = encodeURIComponent(`http://other.test:${port}/json`);
      const cross = await tool.run(
        { url: `http://local.test:${port}/redirect?to=${target}`, method: 'GET', headers },
        ctx(),
      );
      assert.equal(JSON.parse(cross.body).auth, null);
    } finally {
      await tool.close?.();
    }
  });

  it('follows at most five redirects', async () => {
    const tool = createHttpRequestTool({ allowHosts: ['127.0.0.1'] });
    try {
      await assert.rejects(tool.run({ url: `http://127.0.0.1:${port}/loop`, method: 'GET' }, ctx()), {
        code: 'TOO_MANY_REDIRECTS',
      });
      assert.ok(hits.includes('/loop?n=5'));
      assert.ok(!hits.includes('/loop?n=6'));
    } finally {
      await tool.close?.();
    }
  });

  it('cuts the body at maxBytes', async () => {
    const tool = createHttpRequestTool({ allowHosts: ['127.0.0.1'], maxBytes: 1000 });
    try {
      const result = await tool.run({ url: `http://127.0.0.1:${port}/big`, method: 'GET' }, ctx());
      assert.equal(result.truncated, true);
      assert.equal(result.bytes, 1000);
      assert.equal(result.body, 'x'.repeat(1000));
    } finally {
      await tool.close?.();
    }
  });

  it('gives up after timeoutMs with a retryable TIMEOUT', async () => {
    const tool = createHttpRequestTool({ allowHosts: ['127.0.0.1'], timeoutMs: 300 });
    const started = Date.now();
    try {
      await assert.rejects(tool.run({ url: `http://127.0.0.1:${port}/hang`, method: 'GET' }, ctx()), {
        code: 'TIMEOUT',
        retryable: true,
      });
      assert.ok(Date.now() - started < 5000);
    } finally {
      await tool.close?.();
    }
  });

  it('through the registry: only http(s) URLs validate, and only GET/HEAD calls are idempotent', async () => {
    const registry = createToolRegistry([createHttpRequestTool({ lookup: fakeDns({}) })]);
    try {
      assert.match(registry.validate('http_request', { url: 'file:///etc/passwd' }) ?? '', /^url: /);
      assert.equal(registry.validate('http_request', { url: 'https://example.com/' }), null);
      assert.equal(registry.isIdempotent('http_request', { url: 'https://example.com/' }), true);
      assert.equal(
        registry.isIdempotent('http_request', { url: 'https://example.com/', method: 'HEAD' }),
        true,
      );
      assert.equal(
        registry.isIdempotent('http_request', { url: 'https://example.com/', method: 'POST' }),
        false,
      );
      const outcome = await registry.execute('http_request', { url: `http://127.0.0.1:${port}/` }, ctx());
      assert.equal(outcome.ok, false);
      assert.equal(!outcome.ok && outcome.error.code, 'ADDRESS_BLOCKED');
    } finally {
      await registry.close();
    }
  });
});
