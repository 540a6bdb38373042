import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/** Where Debian's redis-server is (REDIS_SERVER to override). */
const BINARY = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
/** Where Debian's redis-sentinel is (REDIS_SENTINEL to override). */
const SENTINEL_BINARY = process.env.REDIS_SENTINEL ?? '/usr/bin/redis-sentinel';

/**
 * `describe` when redis-server is installed, or in CI (where its absence is a
 * failure: .ci/run installs it); elsewhere `describe.skip`, so that `npm test`
 * on a machine without Redis runs everything else and says what it skipped.
 */
export const describeWithRedis: jest.Describe = existsSync(BINARY) || process.env.CI === 'true' ? describe : (describe.skip as jest.Describe);
if (!existsSync(BINARY) && process.env.CI !== 'true') {
  process.stderr.write(`note: no redis-server at ${BINARY}: the BullMQ tests are skipped (apt-get install redis-server, as .ci/run does)\n`);
}

/** The same for the Sentinel tests: redis-server and redis-sentinel both (Debian's packages; .ci/run installs them). */
export const describeWithSentinel: jest.Describe =
  (existsSync(BINARY) && existsSync(SENTINEL_BINARY)) || process.env.CI === 'true' ? describe : (describe.skip as jest.Describe);
if (!existsSync(SENTINEL_BINARY) && process.env.CI !== 'true') {
  process.stderr.write(`note: no redis-sentinel at ${SENTINEL_BINARY}: the Sentinel tests are skipped (apt-get install redis-sentinel, as .ci/run does)\n`);
}

/** One redis-server or redis-sentinel process: `launch` starts it (again), `stop` ends it, `kill` ends it at once. */
interface RedisProcess {
  launch(extra?: readonly string[]): Promise<void>;
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

function redisProcess(binary: string, args: () => readonly string[], ready: RegExp, log?: string[]): RedisProcess {
  let child: ChildProcess | undefined;
  return {
    launch: (extra = []) =>
      new Promise<void>((resolve, reject) => {
        const started = spawn(binary, [...args(), ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
        child = started;
        let out = '';
        const bound = setTimeout(() => reject(new Error(`${binary} did not start in 10 s: ${out}`)), 10_000);
        started.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          log?.push(d.toString());
          if (ready.test(out)) {
            clearTimeout(bound);
            resolve();
          }
        });
        started.stderr!.on('data', (d: Buffer) => (out += d.toString()));
        started.on('exit', (code) => {
          clearTimeout(bound);
          if (code !== null && code !== 0) reject(new Error(`${binary} exited with ${code}: ${out}`));
        });
      }),
    stop: async () => {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGCONT');
        running.kill('SIGKILL');
      });
    },
    kill: (signal) => child?.kill(signal),
  };
}

const serverArgs = (port: number) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--protected-mode', 'yes'];

/**
 * A real Redis (Debian's redis-server) on a free loopback port; `stop` ends
 * it. With `persist`, an append-only file in a temporary directory (fsync
 * on every write), so that `restart` comes back with every job.
 */
export async function startRedis(options: { persist?: boolean } = {}): Promise<{ port: number; stop: () => Promise<void>; restart: () => Promise<void> }> {
  if (!existsSync(BINARY)) throw new Error(`no redis-server at ${BINARY}: install Debian's redis-server (.ci/run does)`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rx-graph-lro-redis-'));
  const persistence = options.persist ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir] : ['--appendonly', 'no'];
  const server = redisProcess(BINARY, () => [...serverArgs(port), ...persistence], /Ready to accept connections/);
  await server.launch();
  return {
    port,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await server.stop();
      await server.launch();
    },
  };
}

/**
 * A Sentinel group on loopback, all on free ports: a primary and a replica
 * (Debian's redis-server) and three sentinels (redis-sentinel, quorum 2)
 * watching them. Clients connect as ioredis and BullMQ do:
 * `{ sentinels, name }`.
 *
 * The primary is reached through a proxy (`primaryProxy`) that everyone
 * uses, the sentinels and the replica included, so that a test can stall
 * replication alone (`stallReplication`): the primary goes on answering
 * clients while its writes stop reaching the replica, and `killPrimary`
 * then loses them, as an asynchronous replica loses a dead primary's last
 * writes.
 */
export interface SentinelGroup {
  readonly name: string;
  readonly sentinels: readonly { readonly host: string; readonly port: number }[];
  /** What the sentinels printed (their events: `+switch-master` for each failover). */
  readonly log: readonly string[];
  /** The address the sentinels give for the group's primary now. */
  primary(): Promise<{ host: string; port: number }>;
  /** Every data node's address, whatever its role now. */
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  /** Holds replication from the first primary until it is killed or `releaseReplication`. */
  stallReplication(): void;
  releaseReplication(): void;
  /** SIGKILLs the first primary. */
  killPrimary(): void;
  /** Resolves with the new primary once the sentinels have promoted another node and it answers as primary. */
  failedOver(timeoutMs: number): Promise<{ host: string; port: number }>;
  /**
   * Starts the killed primary again as a replica of the current primary, and
   * waits until it is in sync; then the sentinels wait 10 s before they call
   * a node down, so that no second failover follows.
   */
  rejoin(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSentinelGroup(options: { downAfterMs?: number } = {}): Promise<SentinelGroup> {
  if (!existsSync(SENTINEL_BINARY)) throw new Error(`no redis-sentinel at ${SENTINEL_BINARY}: install Debian's redis-sentinel (.ci/run does)`);
  const name = 'rxgraph';
  const dir = mkdtempSync(join(tmpdir(), 'rx-graph-lro-sentinel-'));
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const stopped: (() => Promise<void>)[] = [];
  try {
    // Replication without files (and any file in the group's directory, not the working one).
    const diskless = ['--dir', dir, '--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0', '--repl-diskless-load', 'swapdb'];
    const primary = redisProcess(BINARY, () => [...serverArgs(primaryPort), '--appendonly', 'no', ...diskless], /Ready to accept connections/);
    await primary.launch();
    stopped.push(() => primary.stop());
    const proxy: TcpProxy = await startTcpProxy(primaryPort);
    stopped.push(() => proxy.close());
    const replica = redisProcess(
      BINARY,
      () => [...serverArgs(replicaPort), '--appendonly', 'no', ...diskless, '--replicaof', '127.0.0.1', String(proxy.port)],
      /MASTER <-> REPLICA sync: Finished with success/,
    );
    await replica.launch();
    stopped.push(() => replica.stop());
    const sentinels: { host: string; port: number }[] = [];
    const sentinelLog: string[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const file = join(dir, `sentinel-${i}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${proxy.port} 2`,
          `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1000}`,
          `sentinel failover-timeout ${name} 10000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      const sentinel = redisProcess(SENTINEL_BINARY, () => [file], /\+monitor master/, sentinelLog);
      await sentinel.launch();
      stopped.push(() => sentinel.stop());
      sentinels.push({ host: '127.0.0.1', port });
    }
    // Each sentinel must know the replica and the two other sentinels (they meet every 2 s) before a failover can be agreed.
    await until(10_000, 'the sentinels to know each other and the replica', async () => {
      for (const s of sentinels) {
        const replicas = (await sentinelCommand(s.port, 'REPLICAS', name)) as unknown[];
        const others = (await sentinelCommand(s.port, 'SENTINELS', name)) as unknown[];
        if (replicas.length < 1 || others.length < 2) return false;
      }
      return true;
    });
    const current = async () => {
      for (const s of sentinels) {
        try {
          const [host, port] = (await sentinelCommand(s.port, 'GET-MASTER-ADDR-BY-NAME', name)) as [string, string];
          return { host, port: Number(port) };
        } catch {
          // that sentinel is down: ask the next
        }
      }
      throw new Error('no sentinel answered');
    };
    return {
      name,
      sentinels,
      log: sentinelLog,
      nodes: [
        { host: '127.0.0.1', port: primaryPort },
        { host: '127.0.0.1', port: replicaPort },
      ],
      primary: current,
      stallReplication: () => proxy.hold('replication'),
      releaseReplication: () => proxy.release(),
      killPrimary: () => primary.kill('SIGKILL'),
      failedOver: async (timeoutMs) => {
        let address = { host: '', port: 0 };
        await until(timeoutMs, 'the sentinels to promote the replica', async () => {
          address = await current();
          if (address.port === proxy.port) return false;
          return (await role(address.port)) === 'master';
        });
        return address;
      },
      rejoin: async (timeoutMs) => {
        proxy.release();
        const now = await current();
        await primary.launch(['--replicaof', now.host, String(now.port)]);
        await until(timeoutMs, 'the old primary to sync with the new one', async () => {
          const info = await command(primaryPort, 'INFO', 'replication');
          return /master_link_status:up/.test(String(info));
        });
        // One failover per test: a pause of a loaded machine must not start a second one.
        for (const s of sentinels) await sentinelCommand(s.port, 'SET', name, 'down-after-milliseconds', '10000');
      },
      stop: async () => {
        for (const stop of stopped.reverse()) await stop().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const stop of stopped.reverse()) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** One command on a short-lived connection that gives up at once if the node is down. */
async function command(port: number, ...args: string[]): Promise<unknown> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000, commandTimeout: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.call(args[0]!, ...args.slice(1));
  } finally {
    client.disconnect();
  }
}

const sentinelCommand = (port: number, ...args: string[]) => command(port, 'SENTINEL', ...args);

async function role(port: number): Promise<string | undefined> {
  try {
    return String(((await command(port, 'ROLE')) as unknown[])[0]);
  } catch {
    return undefined;
  }
}

async function until(timeoutMs: number, what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
