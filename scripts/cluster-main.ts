// `npm run cluster`: nginx over 2 api processes, 2 workers and 2 projections processes on one
// PostgreSQL database (DATABASE_URL, or a fresh database on 127.0.0.1:5432 that is kept for the next
// start). Prints the URL; Ctrl-C stops everything.
import { startCluster } from './cluster.ts';

const count = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 16) {
    process.stderr.write(`${name}: must be a whole number from 0 to 16, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return value;
};
const portText = process.env.CLUSTER_PORT;
const port = portText ? Number(portText) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port >= 1024 && port <= 65535)) {
  process.stderr.write(`CLUSTER_PORT: must be a port from 1024 to 65535, got ${JSON.stringify(portText)}\n`);
  process.exit(2);
}

process.stdout.write('Starting the cluster (2 api, 2 worker, 2 projections processes and nginx)...\n');
const cluster = await startCluster({
  apis: count('CLUSTER_APIS', 2),
  workers: count('CLUSTER_WORKERS', 2),
  projections: count('CLUSTER_PROJECTIONS', 2),
  ...(port ? { port } : {}),
  onLine: (name, line) => {
    if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
  },
}).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

process.stdout.write(`\nSpark-Ops cluster on ${cluster.url} (console: ${cluster.url}/maestro)\n`);
process.stdout.write(
  `  start again on the same data with DATABASE_URL=${cluster.databaseUrl} JWT_SECRET=${process.env.JWT_SECRET ? '(yours)' : cluster.jwtSecret}\n`,
);
for (const p of cluster.processes) process.stdout.write(`  ${p.name}: pid ${p.pid()}, ${p.url}/ready\n`);
if (cluster.loginLink)
  process.stdout.write(`\nFirst start: log in once with ${cluster.url}${cluster.loginLink}\n`);
process.stdout.write('\nCtrl-C stops everything.\n');

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping every process and nginx...\n`);
  await cluster.stop();
  process.stdout.write('Stopped.\n');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
