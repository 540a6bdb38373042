import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's redis-server is (REDIS_SERVER to override). */
const BINARY = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/**
 * `describe` when redis-server is installed, or in CI (where its absence is a
 * failure: .ci/run installs it); elsewhere `describe.skip`, so that `npm test`
 * on a machine without Redis runs everything else and says what it skipped.
 */
export const describeWithRedis: jest.Describe = existsSync(BINARY) || process.env.CI === 'true' ? describe : (describe.skip as jest.Describe);
if (!existsSync(BINARY) && process.env.CI !== 'true') {
  process.stderr.write(`note: no redis-server at ${BINARY}: the BullMQ tests are skipped (apt-get install redis-server, as .ci/run does)\n`);
}

/**
 * A real Redis (Debian's redis-server) on a free loopback port; `stop` ends
 * it. With `persist`, an append-only file in a temporary directory (fsync
 * on every write), so that `restart` comes back with every job.
 */
export async function startRedis(options: { persist?: boolean } = {}): Promise<{ port: number; stop: () => Promise<void>; restart: () => Promise<void> }> {
  const binary = BINARY;
  if (!existsSync(binary)) throw new Error(`no redis-server at ${binary}: install Debian's redis-server (.ci/run does)`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rx-graph-lro-redis-'));
  const persistence = options.persist ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir] : ['--appendonly', 'no'];
  let child: ChildProcess | undefined;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const bound = setTimeout(() => reject(new Error('redis-server did not start in 10 s')), 10_000);
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('Ready to accept connections')) {
          clearTimeout(bound);
          resolve();
        }
      });
      child.on('exit', (code) => {
        clearTimeout(bound);
        if (code !== null && code !== 0) reject(new Error(`redis-server exited with ${code}`));
      });
    });
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  await launch();
  return {
    port,
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stop();
      await launch();
    },
  };
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
