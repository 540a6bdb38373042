import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on a free loopback port in front of `127.0.0.1:targetPort`,
 * whose traffic a test can hold: a partition that heals. Held bytes are
 * kept, in order, and delivered on `release`, as TCP delivers what it
 * retransmits once a partition heals; if either end closes meanwhile, they
 * are dropped with the connection, as a dead host's unsent writes are.
 */
export interface TcpProxy {
  readonly port: number;
  /**
   * Holds the traffic of every connection, both ways (`'all'`: the client
   * is cut off), or only of Redis replication links, the connections on
   * which a replica sent `REPLCONF` or `PSYNC` (`'replication'`: the
   * primary's writes stop reaching its replicas, and their acknowledgements
   * stop coming back).
   */
  hold(which: 'all' | 'replication'): void;
  /** Delivers what was held and lets traffic flow again. */
  release(): void;
  /** Stops accepting and ends every connection. */
  close(): Promise<void>;
}

interface Link {
  readonly client: Socket;
  readonly target: Socket;
  replication: boolean;
  readonly held: [Socket, Buffer][];
}

export function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const links = new Set<Link>();
  let holding: 'all' | 'replication' | undefined;
  const isHeld = (link: Link) => holding === 'all' || (holding === 'replication' && link.replication);
  const server: Server = createServer((client) => {
    const target = connect(targetPort, '127.0.0.1');
    const link: Link = { client, target, replication: false, held: [] };
    links.add(link);
    const relay = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Buffer) => {
        if (from === client && !link.replication && /REPLCONF|PSYNC/i.test(chunk.toString('latin1'))) link.replication = true;
        if (isHeld(link)) link.held.push([to, chunk]);
        else to.write(chunk);
      });
    relay(client, target);
    relay(target, client);
    const end = () => {
      links.delete(link);
      link.held.length = 0;
      client.destroy();
      target.destroy();
    };
    for (const socket of [client, target]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        port,
        hold: (which) => void (holding = which),
        release: () => {
          holding = undefined;
          for (const link of links) for (const [to, chunk] of link.held.splice(0)) to.write(chunk);
        },
        close: () =>
          new Promise<void>((done) => {
            for (const link of links) {
              link.client.destroy();
              link.target.destroy();
            }
            server.close(() => done());
          }),
      });
    });
  });
}
