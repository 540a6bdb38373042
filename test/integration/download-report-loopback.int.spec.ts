import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Subscription } from 'rxjs';
import crossFetch from 'cross-fetch';
import { createGraphClient } from '../../src/client';
import type { FetchLike } from '../../src/http/transport';
import { failure, until } from '../helpers/simulator';

/** A loopback server of the test's own, with what it saw: each response, and whether its connection closed before the body ended. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const sockets = new Set<Socket>();
  const responses: { cutShort: boolean; closed: boolean }[] = [];
  const server: Server = createServer((req, res) => {
    const seen = { cutShort: false, closed: false };
    responses.push(seen);
    res.on('close', () => Object.assign(seen, { closed: true, cutShort: !res.writableEnded }));
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/reports/Devices.zip?sv=2024-11-04&sig=c2lnbmF0dXJl%2Bvalue%3D`;
  const stop = () => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
  return { url, responses, stop };
}

/** A response that promises 1000 bytes, sends 10, and drops its connection. */
const cutShort = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-length': 1000 });
  res.write(Buffer.alloc(10));
  setTimeout(() => res.destroy(), 10);
};

const fetches: [string, FetchLike | undefined][] = [
  ['the default fetch', undefined],
  ['cross-fetch', crossFetch as unknown as FetchLike],
  ["Node's fetch", globalThis.fetch as unknown as FetchLike],
];

describe.each(fetches)('downloadReport over %s, against a hostile file server', (_, fetch) => {
  const graph = createGraphClient({ token: 'graph-token', retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 }, ...(fetch ? { fetch } : {}) });
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  afterEach(async () => server?.stop());

  it('gzip that inflates past maxBytes (a bomb at the HTTP layer) is a ResponseTooLargeError, the connection cut', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros in about 64 KiB
    server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    });
    const error = await failure(graph.deviceManagement.downloadReport(server.url, { maxBytes: 1024 * 1024 }));
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', limitBytes: 1024 * 1024 });
    expect(server.responses).toHaveLength(1);
  });

  it('a body that trickles forever: each attempt cut at timeoutMs, then a RequestTimeoutError; no socket or timer of the download stays', async () => {
    server = await serve((_req, res) => {
      res.writeHead(200);
      const drip = setInterval(() => res.write('x'), 10);
      res.on('close', () => clearInterval(drip));
    });
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const error = await failure(graph.deviceManagement.downloadReport(server.url, { timeoutMs: 100 }));
    expect(error).toMatchObject({ name: 'RequestTimeoutError' });
    const responses = server.responses;
    await until(() => responses.length === 3 && responses.every((r) => r.closed && r.cutShort));
    // The count is the process's: a keep-alive timer of undici's own can be alive at one instant under load, and ends by itself.
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await until(() => timers() <= before).catch(() => undefined);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('50 downloads at once, half left midway: the rest complete, the left ones are cut, nothing is unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    server = await serve((_req, res) => {
      res.writeHead(200);
      let chunks = 0;
      const drip = setInterval(() => (++chunks === 30 ? (clearInterval(drip), res.end()) : res.write(Buffer.alloc(1000))), 5);
      res.on('close', () => clearInterval(drip));
    });
    const outcomes: (number | string)[] = [];
    const subscriptions: Subscription[] = [];
    const kept: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      kept.push(new Promise<void>((resolve) => {
        subscriptions.push(graph.deviceManagement.downloadReport(server!.url).subscribe({ next: (bytes) => outcomes.push(bytes.byteLength), error: (e: Error) => (outcomes.push(e.name), resolve()), complete: resolve }));
      }));
    }
    const responses = server.responses;
    await until(() => responses.length === 50);
    subscriptions.forEach((subscription, i) => i % 2 === 1 && subscription.unsubscribe());
    await Promise.all(kept.filter((_, i) => i % 2 === 0));
    await until(() => responses.every((r) => r.closed));
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onUnhandled);
    expect(outcomes).toEqual(Array(25).fill(29_000));
    expect(responses.filter((r) => r.cutShort)).toHaveLength(25);
    expect(unhandled).toEqual([]);
  });
});

describe('downloadReport, a body cut short of its Content-Length', () => {
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  afterEach(async () => server?.stop());
  const retry = { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 };

  it.each([
    ['the default fetch', undefined],
    ["Node's fetch", globalThis.fetch as unknown as FetchLike],
  ])('over %s: a failed connection, retried at once, then a NetworkError (not a wait for timeoutMs)', async (_, fetch) => {
    const graph = createGraphClient({ token: 'graph-token', retry, ...(fetch ? { fetch } : {}) });
    server = await serve(cutShort);
    const started = Date.now();
    const error = await failure(graph.deviceManagement.downloadReport(server.url, { timeoutMs: 60_000 }));
    expect(error).toMatchObject({ name: 'NetworkError' });
    // Far below one timeoutMs, even on a loaded machine: the attempts did not wait for it.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(server.responses).toHaveLength(3);
  });

  it('over cross-fetch, which never ends such a body (node-fetch 2), each attempt waits out timeoutMs: as the guide says', async () => {
    const graph = createGraphClient({ token: 'graph-token', retry, fetch: crossFetch as unknown as FetchLike });
    server = await serve(cutShort);
    const error = await failure(graph.deviceManagement.downloadReport(server.url, { timeoutMs: 200 }));
    expect(error).toMatchObject({ name: 'RequestTimeoutError' });
    expect(server.responses).toHaveLength(3);
  });
});
