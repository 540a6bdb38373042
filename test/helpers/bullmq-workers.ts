import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Queue, QueueEvents, type ConnectionOptions } from 'bullmq';
import Redis from 'ioredis';
import type { GraphJobData } from '../../src/bullmq';
import type { GraphSimulator } from '../../src/testing';

const WORKER = join(__dirname, '..', 'bullmq', 'worker-process.mjs');

/** The token the worker processes send to the simulator: it must appear in no Redis value. */
export const WORKER_TOKEN = 'worker-secret-token-91c7';

/** A worker process (test/bullmq/worker-process.mjs: the built package) and the JSON lines it printed: its onEvent events and the jobs it completed or failed. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly lines: { readonly type: string; readonly jobId?: string; readonly at: number }[];
}

export function startWorkerProcess(args: { port?: number; baseUrl: string; queueName: string; perSecond?: number; options?: object }): Promise<WorkerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, String(args.port ?? 0), args.baseUrl, args.queueName, String(args.perSecond ?? 100_000)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WORKER_OPTIONS: JSON.stringify(args.options ?? {}) },
    });
    const lines: WorkerProcess['lines'][number][] = [];
    let out = '';
    let all = '';
    let ready = false;
    const bound = setTimeout(() => reject(new Error(`worker did not start in 20 s: ${all}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      all += d.toString();
      let newline: number;
      while ((newline = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, newline);
        out = out.slice(newline + 1);
        if (line === 'ready' && !ready) {
          ready = true;
          clearTimeout(bound);
          resolve({ child, lines });
        } else if (line.startsWith('{')) lines.push(JSON.parse(line) as WorkerProcess['lines'][number]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (all += d.toString()));
  });
}

/** Every key and value of a Redis node, as text: no token may be in it. */
export async function redisText(port: number): Promise<string> {
  const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  try {
    const keys = await client.keys('*');
    const parts: string[] = [...keys];
    for (const key of keys) {
      const type = await client.type(key);
      if (type === 'hash') parts.push(JSON.stringify(await client.hgetall(key)));
      else if (type === 'string') parts.push((await client.get(key)) ?? '');
      else if (type === 'list') parts.push(JSON.stringify(await client.lrange(key, 0, -1)));
      else if (type === 'set') parts.push(JSON.stringify(await client.smembers(key)));
      else if (type === 'stream') parts.push(JSON.stringify(await client.xrange(key, '-', '+')));
      else if (type === 'zset') parts.push(JSON.stringify(await client.zrange(key, 0, -1)));
    }
    return parts.join('\n');
  } finally {
    client.disconnect();
  }
}

/** Starts Graph applied (a 2xx answer to a POST), per target, from the simulator's log. */
export function appliedStarts(sim: GraphSimulator): Map<string, number> {
  const starts = new Map<string, number>();
  for (const r of sim.requests) {
    if (r.method !== 'POST' || r.origin !== 'graph' || r.batchItem || r.status === undefined || r.status >= 300) continue;
    starts.set(r.path, (starts.get(r.path) ?? 0) + 1);
  }
  return starts;
}

/** The mix of the fault tests: a createSession (idempotent), a copy, a OneNote copy and a content type copy (none idempotent). */
export const MIX = [
  (i: number) => ['workbook.createSession', [`/me/drive/items/S${i}`, { persistChanges: true }]] as const,
  (i: number) => ['driveItem.copy', [`/me/drive/items/C${i}`, { name: `copy ${i}` }]] as const,
  (i: number) => ['onenote.copyNotebook', ['/me', `nb-${i}`, { renameAs: `nb copy ${i}` }]] as const,
  (i: number) => ['site.copyContentTypeFromHub', [`site-${i}`, `0x01${i}`]] as const,
];

/** Whether the start request at this path is one that must never be sent twice (every kind of the mix but createSession). */
export const isNonIdempotentStart = (path: string) => !/createSession/.test(path);

/** Each operation polls several times before its final word, in its kind's spelling. */
export function mixScript(polls: number) {
  return (op: { kind: string }) => ({
    statuses: [
      ...Array(polls).fill(op.kind === 'copy' ? 'inProgress' : /onenote/.test(op.kind) ? 'Running' : 'running'),
      op.kind === 'copy' ? 'completed' : /onenote/.test(op.kind) ? 'Completed' : 'succeeded',
    ],
  });
}

/** Resolves once `check` holds, polling every 25 ms; rejects after `timeoutMs`, naming what it waited for. */
export async function until(timeoutMs: number, what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A queue of Graph jobs and its events, ready: how each job ended (every
 * `completed` and `failed` it was told, so a job that ended twice shows
 * it), and which jobs stalled. `close()` closes both, whatever happened.
 */
export async function watchedQueue(queueName: string, connection: ConnectionOptions) {
  const queue = new Queue<GraphJobData>(queueName, { connection });
  const events = new QueueEvents(queueName, { connection });
  const endings = new Map<string, string[]>();
  const ended = (jobId: string, how: string) => endings.set(jobId, [...(endings.get(jobId) ?? []), how]);
  events.on('completed', ({ jobId }) => ended(jobId, 'completed'));
  events.on('failed', ({ jobId }) => ended(jobId, 'failed'));
  const stalled = new Set<string>();
  events.on('stalled', ({ jobId }) => stalled.add(jobId));
  await events.waitUntilReady();
  const close = async () => {
    await events.close().catch(() => undefined);
    await queue.close().catch(() => undefined);
  };
  return { queue, events, endings, stalled, close };
}
