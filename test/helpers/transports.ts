import crossFetch from 'cross-fetch';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fetchTransport, type FetchLike } from '../../src/http/fetch-transport';
import { MAX_BODY_BYTES } from '../../src/http/response-body';
import { undiciTransport } from '../../src/http/undici-transport';
import type { HttpResponse, HttpTransport } from '../../src/http/transport';
import { lastValueFrom, toArray, type Observable } from 'rxjs';

/** undici 7 runs on Node 20.18.1 and later; CI also runs the suite on Node 18, where only the fetch transports are tested. */
export const undiciSupported = (() => {
  const [major = 0, minor = 0, patch = 0] = process.versions.node.split('.').map(Number);
  return major > 20 || (major === 20 && (minor > 18 || (minor === 18 && patch >= 1)));
})();

export interface TransportCase {
  readonly name: string;
  /** A fresh transport; `closeTransports()` (in afterEach) closes what needs closing. */
  make(maxBodyBytes?: number): HttpTransport;
  /** What this transport does not do on this Node, through no fault of the library's. */
  readonly lacks?: { readonly keepAlive?: boolean; readonly rawDeflate?: boolean };
}

const nodeMajor = Number(process.versions.node.split('.')[0]);

const made: { close?: () => Promise<void> }[] = [];
const track = <T extends HttpTransport>(transport: T): T => (made.push(transport as { close?: () => Promise<void> }), transport);

/** Closes every transport made since the last call: undici's agents and their sockets. */
export async function closeTransports(): Promise<void> {
  await Promise.all(made.splice(0).map((t) => t.close?.()));
}

export const crossFetchCase: TransportCase = {
  name: 'cross-fetch (Node streams)',
  make: (limit = MAX_BODY_BYTES) => fetchTransport(crossFetch as unknown as FetchLike, limit),
  // Node 18's default http agent closes each connection; keep-alive is the default from Node 19.
  lacks: { keepAlive: nodeMajor < 19 },
};
export const nodeFetchCase: TransportCase = {
  name: "Node's own fetch (WHATWG streams)",
  make: (limit = MAX_BODY_BYTES) => fetchTransport(globalThis.fetch as unknown as FetchLike, limit),
  // Node 18's fetch (undici 5) takes every deflate body for zlib's framing, and fails on raw deflate.
  lacks: { rawDeflate: nodeMajor < 20 },
};
export const undiciCase: TransportCase = { name: 'undici (dispatcher)', make: (limit = MAX_BODY_BYTES) => track(undiciTransport({ maxBodyBytes: limit })) };

/** Every transport the library ships that runs here. */
export const allTransports: readonly TransportCase[] = [crossFetchCase, nodeFetchCase, ...(undiciSupported ? [undiciCase] : [])];
/** cross-fetch, and undici (the default) where it runs: for suites that run the whole client over each. */
export const clientTransports: readonly TransportCase[] = [crossFetchCase, ...(undiciSupported ? [undiciCase] : [])];

/** What a test server saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The connection it came on (1 for the first the server accepted). */
  readonly connection: number;
  /** True once the client went away before the answer ended. */
  aborted: boolean;
}

/** A loopback server for one test: `handle` answers, `seen` records, `stop()` cuts every connection. */
export async function testServer(handle: (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void, host = '127.0.0.1') {
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        connection: (req.socket as Socket & { id?: number }).id ?? 0,
        aborted: false,
      };
      seen.push(entry);
      res.on('close', () => {
        if (!res.writableFinished) entry.aborted = true;
      });
      handle(req, res, entry);
    });
  });
  server.on('connection', (socket: Socket & { id?: number }) => {
    socket.id = ++connections;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    seen,
    origin: `http://${host === '::1' ? '[::1]' : host}:${port}`,
    port,
    get connections() {
      return connections;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The loopback servers a test file starts, each stopped after its test, then the transports closed
 * (servers first: their sockets cut, nothing is left in flight for close() to wait for), then `more`.
 * Call once at the top of the file; use the returned `serve` as `testServer`.
 */
export function serveEachTest(more?: () => Promise<unknown>): (...args: Parameters<typeof testServer>) => ReturnType<typeof testServer> {
  let servers: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    servers = [];
    await closeTransports();
    await more?.();
  });
  return async (...args) => {
    const server = await testServer(...args);
    servers.push(server);
    return server;
  };
}

/** A transport's one request, run to its end: what it emitted, or its error. */
export const settle = (source: Observable<HttpResponse>) =>
  lastValueFrom(source.pipe(toArray())).then(
    (values) => ({ values, error: undefined as unknown }),
    (error: unknown) => ({ values: [] as HttpResponse[], error }),
  );
