// The nginx configuration of `npm run cluster`: one server on a non-root port that balances HTTP and
// graphql-ws over the api processes. Everything nginx writes (pid, logs, temp files) stays in `dir`,
// so it runs next to a system nginx and needs no root.

export interface NginxConfigOptions {
  /** Where nginx keeps its pid, logs and temp files (an absolute path). */
  dir: string;
  /** The port nginx listens on (127.0.0.1). */
  port: number;
  /** The api processes' ports on 127.0.0.1. */
  upstreamPorts: readonly number[];
  /** True when nginx starts as root: its workers then stay root to write into `dir` (a private temp dir). */
  asRoot: boolean;
}

export function nginxConfig(options: NginxConfigOptions): string {
  const { dir, port, upstreamPorts, asRoot } = options;
  if (upstreamPorts.length === 0) throw new Error('nginxConfig: at least one api port is needed');
  for (const p of [port, ...upstreamPorts])
    if (!Number.isInteger(p) || p < 1024 || p > 65535)
      throw new Error(`nginxConfig: port ${p} is not a non-root port (1024-65535)`);
  if (!dir.startsWith('/') || /[\s;{}'"]/.test(dir))
    throw new Error(`nginxConfig: dir must be an absolute path without spaces or quotes, got ${dir}`);
  const servers = upstreamPorts
    .map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`)
    .join('\n');
  return `${asRoot ? 'user root;\n' : ''}worker_processes 1;
worker_rlimit_nofile 16384;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # A websocket handshake carries Upgrade; a plain request closes its upstream connection.
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream spark_api {
${servers}
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 10m;
    location / {
      proxy_pass http://spark_api;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Subscriptions live for hours; graphql-ws keeps them alive with its own pings.
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_buffering off;
      # A dead api process: the request goes to the other one (a refused connection is safe to retry).
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
      # Which api process answered (the chaos tests kill the one a browser's subscription goes through).
      add_header X-Spark-Upstream $upstream_addr always;
    }
  }
}
`;
}
