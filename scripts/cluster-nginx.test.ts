import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { NGINX_PATH } from './cluster.ts';
import { nginxConfig } from './cluster-nginx.ts';

describe('the cluster nginx configuration', () => {
  it('balances over every api port and upgrades websockets', () => {
    const text = nginxConfig({ dir: '/tmp/x', port: 18080, upstreamPorts: [18081, 18082], asRoot: false });
    assert.match(text, /server 127\.0\.0\.1:18081 /);
    assert.match(text, /server 127\.0\.0\.1:18082 /);
    assert.match(text, /listen 127\.0\.0\.1:18080;/);
    assert.match(text, /proxy_set_header Upgrade \$http_upgrade;/);
    assert.match(text, /proxy_set_header Connection \$connection_upgrade;/);
    assert.doesNotMatch(text, /user root/);
    assert.match(
      nginxConfig({ dir: '/tmp/x', port: 18080, upstreamPorts: [18081], asRoot: true }),
      /^user root;/,
    );
  });

  it('refuses root ports, no upstream and a relative or unsafe directory', () => {
    const base = { dir: '/tmp/x', port: 18080, upstreamPorts: [18081], asRoot: false };
    assert.throws(() => nginxConfig({ ...base, port: 80 }), /port 80 is not a non-root port/);
    assert.throws(() => nginxConfig({ ...base, upstreamPorts: [] }), /at least one api port/);
    assert.throws(() => nginxConfig({ ...base, upstreamPorts: [70000] }), /port 70000/);
    assert.throws(() => nginxConfig({ ...base, dir: 'tmp/x' }), /absolute path/);
    assert.throws(() => nginxConfig({ ...base, dir: '/tmp/x; include /etc/passwd' }), /absolute path/);
  });

  it('is a configuration nginx itself accepts (nginx -t)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spark-nginx-test-'));
    try {
      const conf = join(dir, 'nginx.conf');
      await writeFile(
        conf,
        nginxConfig({ dir, port: 18080, upstreamPorts: [18081, 18082], asRoot: process.getuid?.() === 0 }),
      );
      const result = spawnSync(NGINX_PATH, ['-t', '-p', dir, '-c', conf], { encoding: 'utf8' });
      assert.equal(result.status, 0, `${result.error ?? ''}${result.stderr}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
