// A network namespace joined to the host by a veth pair, for cutting one process off PostgreSQL.
// The host side holds two addresses: `dbAddress` (a TCP relay to PostgreSQL, which listens on
// 127.0.0.1 only, unreachable from a namespace) and `otherAddress` (everything else, e.g. the fake
// model). `cut()` blackholes the route to `dbAddress` inside the namespace: packets to the database
// vanish, exactly as on a partitioned network, while the model stays reachable. `heal()` removes it.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';

export const IP_PATH = '/usr/sbin/ip';

function ip(args: string[]): void {
  const result = spawnSync(IP_PATH, args, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`ip ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.error ?? ''}`);
}

export interface CutNamespace {
  name: string;
  /** Inside the namespace (the cut process listens here). */
  insideAddress: string;
  /** On the host: the relay to PostgreSQL. */
  dbAddress: string;
  /** On the host: reachable from inside whatever the cut. */
  otherAddress: string;
  /** `['ip', 'netns', 'exec', name]`: runs a command inside. */
  exec: readonly string[];
  cut(): void;
  heal(): void;
  /** Relays `dbAddress:port` to `target` (host:port); returns the port. */
  relay(target: { host: string; port: number }): Promise<number>;
  remove(): Promise<void>;
}

/** Creates the namespace and the veth pair (root and iproute2 needed). */
export async function createCutNamespace(): Promise<CutNamespace> {
  const id = randomBytes(3).toString('hex');
  const name = `spark-cut-${id}`;
  const hostIf = `spkh${id}`;
  const nsIf = `spkn${id}`;
  const subnet = `10.${77 + ((randomBytes(1)[0] as number) % 100)}.${randomBytes(1)[0] as number}`;
  const inside = `${subnet}.2`;
  const db = `${subnet}.1`;
  const other = `${subnet}.3`;
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const inNs = (args: string[]) => ip(['netns', 'exec', name, IP_PATH, ...args]);
  const remove = async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    spawnSync(IP_PATH, ['netns', 'del', name]);
    spawnSync(IP_PATH, ['link', 'del', hostIf]);
  };
  try {
    ip(['netns', 'add', name]);
    ip(['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]);
    ip(['link', 'set', nsIf, 'netns', name]);
    ip(['addr', 'add', `${db}/24`, 'dev', hostIf]);
    ip(['addr', 'add', `${other}/24`, 'dev', hostIf]);
    ip(['link', 'set', hostIf, 'up']);
    inNs(['addr', 'add', `${inside}/24`, 'dev', nsIf]);
    inNs(['link', 'set', nsIf, 'up']);
    inNs(['link', 'set', 'lo', 'up']);
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    name,
    insideAddress: inside,
    dbAddress: db,
    otherAddress: other,
    exec: [IP_PATH, 'netns', 'exec', name],
    cut: () => inNs(['route', 'add', 'blackhole', `${db}/32`]),
    heal: () => inNs(['route', 'del', 'blackhole', `${db}/32`]),
    async relay(target) {
      const server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        sockets.add(client);
        sockets.add(upstream);
        const end = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, db, () => resolve());
      });
      const address = server.address();
      return typeof address === 'object' && address ? address.port : 0;
    },
    remove,
  };
}
