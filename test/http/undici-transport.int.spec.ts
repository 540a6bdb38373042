import { getEventListeners } from 'node:events';
import { firstValueFrom } from 'rxjs';
import { undiciTransport } from '../../src/http/undici-transport';
import { ProtocolError } from '../../src/core/errors/protocol-error';
import { RequestTimeoutError } from '../../src/core/errors/request-timeout-error';
import { ResponseTooLargeError } from '../../src/core/errors/response-too-large-error';
import { serveEachTest, settle, undiciSupported, undiciCase } from '../helpers/transports';
import { until } from '../helpers/simulator';

// What the undici transport does beyond the contract every transport keeps
// (test/http/transports.int.spec.ts): it bounds each request itself, follows
// token-less redirects by the library's rules, and aborts without an
// AbortController.

const made: { close(): Promise<void> }[] = [];
const serve = serveEachTest(() => Promise.all(made.splice(0).map((t) => t.close())));

/** A transport with the defaults, closed after the test. */
const make = () => undiciCase.make() as ReturnType<typeof undiciTransport>;
/** A transport with these options, closed after the test. */
const own = (options: Parameters<typeof undiciTransport>[0]) => {
  const transport = undiciTransport(options);
  made.push(transport);
  return transport;
};

(undiciSupported ? describe : describe.skip)('undiciTransport', () => {
  // Loaded before the first test: loading undici takes a few hundred milliseconds, which a first request's bound would include.
  beforeAll(() => import('undici'));

  it('says it bounds its requests, so the executor need not', () => {
    expect(make().boundsRequests).toBe(true);
  });

  describe('the bound on a request (timeoutMs)', () => {
    it('no headers within timeoutMs: RequestTimeoutError with the method and URL, and the request aborted', async () => {
      const server = await serve(() => undefined);
      const url = `${server.origin}/hang`;
      const started = performance.now();
      const { error } = await settle(make()({ method: 'GET', url, headers: {}, timeoutMs: 100 }));
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(RequestTimeoutError);
      expect(error).toMatchObject({ method: 'GET', url, timeoutMs: 100 });
      expect(elapsed).toBeGreaterThanOrEqual(95);
      // undici's timeouts tick every half second: a bound is kept to within about a second.
      expect(elapsed).toBeLessThan(2000);
      await until(() => server.seen[0]!.aborted);
    });

    it('a body that trickles (a chunk every 20 ms, so never idle) is cut at timeoutMs in total', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200);
        const timer = setInterval(() => res.write(' '), 20);
        res.on('close', () => clearInterval(timer));
      });
      const started = performance.now();
      const { error } = await settle(make()({ method: 'GET', url: `${server.origin}/`, headers: {}, timeoutMs: 150 }));
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(RequestTimeoutError);
      expect(elapsed).toBeGreaterThanOrEqual(145);
      expect(elapsed).toBeLessThan(1000);
      await until(() => server.seen[0]!.aborted);
    });

    it('reads the deadline from the clock it is given, at every chunk', async () => {
      // Each reading of the clock is 50 ms later: at construction 0, at send 50,
      // at the headers 100, at the first chunk 150, at the second 200 > 175.
      let t = -50;
      const now = () => (t += 50);
      const chunks: number[] = [];
      const server = await serve((_req, res) => {
        res.writeHead(200);
        let n = 0;
        const timer = setInterval(() => chunks.push(++n) && res.write(`${n} `), 5);
        res.on('close', () => clearInterval(timer));
      });
      const started = performance.now();
      const { error } = await settle(own({ now })({ method: 'GET', url: `${server.origin}/`, headers: {}, timeoutMs: 175 }));
      expect(error).toBeInstanceOf(RequestTimeoutError);
      expect(t).toBe(200);
      // In real time, far less than the 175 ms bound: the injected clock decided.
      expect(performance.now() - started).toBeLessThan(175);
      await until(() => server.seen[0]!.aborted);
    });

    it('an answer within the bound is not touched by it', async () => {
      const server = await serve((_req, res) => setTimeout(() => res.end('{"late":"but in time"}'), 30));
      const response = await firstValueFrom(make()({ method: 'GET', url: `${server.origin}/`, headers: {}, timeoutMs: 1000 }));
      expect(response.body).toBe('{"late":"but in time"}');
    });
  });

  describe("redirects it follows ('follow', token-less requests)", () => {
    const chain = (hops: number) =>
      serve((req, res) => {
        const n = Number(req.url!.slice(1));
        if (n < hops) res.writeHead(302, { location: `/${n + 1}` }).end();
        else res.end(`{"hops":${n}}`);
      });

    it('follows up to 5 redirects', async () => {
      const server = await chain(5);
      expect((await firstValueFrom(make()({ method: 'GET', url: `${server.origin}/0`, headers: {} }))).body).toBe('{"hops":5}');
    });

    it('a sixth is a ProtocolError, and is not sent', async () => {
      const server = await chain(6);
      const { error } = await settle(make()({ method: 'GET', url: `${server.origin}/0`, headers: {} }));
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as Error).message).toMatch(/too many redirects/);
      expect(server.seen.map((r) => r.url)).toEqual(['/0', '/1', '/2', '/3', '/4', '/5']);
    });

    it.each([
      ['plain http off loopback', 'http://graph.example/x', /plain http is allowed only to loopback hosts/],
      ['another scheme', 'ftp://127.0.0.1/x', /the scheme ftp: is not allowed/],
      ['something that is not a URL', 'http://[::1', /not a URL/],
    ])('a redirect to %s is a ProtocolError and nothing is sent there', async (_, location, reason) => {
      const server = await serve((_req, res) => res.writeHead(301, { location }).end());
      const { error } = await settle(make()({ method: 'GET', url: `${server.origin}/`, headers: {} }));
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as Error).message).toMatch(reason);
      expect(server.seen).toHaveLength(1);
    });

    it.each([
      [301, 'POST', 'GET', ''],
      [302, 'POST', 'GET', ''],
      [303, 'PATCH', 'GET', ''],
      [307, 'POST', 'POST', '{"a":1}'],
      [308, 'PATCH', 'PATCH', '{"a":1}'],
    ] as const)('a %d after a %s is followed with a %s', async (status, method, then, body) => {
      const server = await serve((req, res) => (req.url === '/from' ? res.writeHead(status, { location: '/to' }).end() : res.end('{}')));
      await firstValueFrom(make()({ method, url: `${server.origin}/from`, headers: { 'content-type': 'application/json' }, body: '{"a":1}' }));
      const hop = server.seen[1]!;
      expect([hop.method, hop.url, hop.body, hop.headers['content-type']]).toEqual([then, '/to', body, body ? 'application/json' : undefined]);
    });

    it("an endless redirect body is cut at the limit, not followed", async () => {
      const server = await serve((req, res) => {
        if (req.url !== '/from') return res.end('{}');
        res.writeHead(302, { location: '/to' });
        const chunk = Buffer.alloc(16 * 1024, 32);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      });
      const { error } = await settle(own({ maxBodyBytes: 64 * 1024 })({ method: 'GET', url: `${server.origin}/from`, headers: {} }));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      await until(() => server.seen[0]!.aborted);
      expect(server.seen).toHaveLength(1);
    });

    it('a hop to another origin goes without an Authorization header, whatever the request carried', async () => {
      const target = await serve((_req, res) => res.end('{}'), 'localhost');
      const server = await serve((req, res) => (req.url === '/a' ? res.writeHead(307, { location: '/b' }).end() : res.writeHead(307, { location: `${target.origin}/c` }).end()));
      await firstValueFrom(make()({ method: 'GET', url: `${server.origin}/a`, headers: { authorization: 'Bearer not-for-others' } }));
      expect([...server.seen, ...target.seen].map((r) => [r.url, r.headers.authorization])).toEqual([
        ['/a', 'Bearer not-for-others'],
        ['/b', 'Bearer not-for-others'],
        ['/c', undefined],
      ]);
    });

    it("'manual' (token-bearing requests, followed by the executor) is never followed here", async () => {
      const server = await serve((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end());
      const response = await firstValueFrom(make()({ method: 'GET', url: `${server.origin}/`, headers: { authorization: 'Bearer t' }, redirect: 'manual' }));
      expect(response).toMatchObject({ status: 302, headers: { location: '/elsewhere' } });
      expect(server.seen).toHaveLength(1);
    });
  });

  describe('cancellation without an AbortController', () => {
    it('unsubscribed before the request is on a socket: it is never sent, and nothing is emitted', async () => {
      const server = await serve((_req, res) => res.end('{}'));
      const seen: unknown[] = [];
      make()({ method: 'POST', url: `${server.origin}/never`, headers: {}, body: '{}' })
        .subscribe({ next: (v) => seen.push(v), error: (e) => seen.push(e) })
        .unsubscribe();
      await new Promise((r) => setTimeout(r, 100));
      expect(server.seen).toHaveLength(0);
      expect(seen).toEqual([]);
    });

    it("the operation's shared signal aborts the request, and is let go of when the request ends", async () => {
      const server = await serve((req, res) => (req.url === '/hang' ? undefined : res.end('{}')));
      const operation = new AbortController();
      const send = make();
      await firstValueFrom(send({ method: 'GET', url: `${server.origin}/quick`, headers: {}, signal: operation.signal }));
      expect(getEventListeners(operation.signal, 'abort')).toHaveLength(0);
      const pending = settle(send({ method: 'GET', url: `${server.origin}/hang`, headers: {}, signal: operation.signal }));
      await until(() => server.seen.length === 2);
      operation.abort(new Error('operation cancelled'));
      expect((await pending).error).toMatchObject({ message: 'operation cancelled' });
      await until(() => server.seen[1]!.aborted);
      expect(getEventListeners(operation.signal, 'abort')).toHaveLength(0);
    });

    it('a signal aborted already: nothing is sent', async () => {
      const server = await serve((_req, res) => res.end('{}'));
      const { error } = await settle(make()({ method: 'GET', url: `${server.origin}/`, headers: {}, signal: AbortSignal.abort(new Error('gone')) }));
      expect(error).toMatchObject({ message: 'gone' });
      await new Promise((r) => setTimeout(r, 50));
      expect(server.seen).toHaveLength(0);
    });
  });

  describe('the wire', () => {
    it('asks for identity unless the request names an encoding itself', async () => {
      const server = await serve((_req, res) => res.end('{}'));
      const send = make();
      await firstValueFrom(send({ method: 'GET', url: `${server.origin}/`, headers: {} }));
      await firstValueFrom(send({ method: 'GET', url: `${server.origin}/`, headers: { 'accept-encoding': 'gzip' } }));
      expect(server.seen.map((r) => r.headers['accept-encoding'])).toEqual(['identity', 'gzip']);
    });

    it('escapes a URL as fetch would, and sends no fragment', async () => {
      const server = await serve((_req, res) => res.end('{}'));
      await firstValueFrom(make()({ method: 'GET', url: `${server.origin}/root:/a b/é.xlsx:?q=ü#frag`, headers: {} }));
      expect(server.seen[0]!.url).toBe('/root:/a%20b/%C3%A9.xlsx:?q=%C3%BC');
    });

    it('a connection refused errors with undici’s own error', async () => {
      const server = await serve(() => undefined);
      await server.stop();
      const { error } = await settle(make()({ method: 'GET', url: `${server.origin}/`, headers: {} }));
      expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    });
  });

  describe('its agent', () => {
    it('close() ends it: requests sent afterwards error; a dispatcher of your own is not closed', async () => {
      const server = await serve((_req, res) => res.end('{}'));
      const transport = undiciTransport();
      await firstValueFrom(transport({ method: 'GET', url: `${server.origin}/`, headers: {} }));
      await transport.close();
      const { error } = await settle(transport({ method: 'GET', url: `${server.origin}/`, headers: {} }));
      expect((error as Error).message).toMatch(/closed/);
      const { Agent } = await import('undici');
      const mine = new Agent();
      const over = undiciTransport({ dispatcher: mine });
      await firstValueFrom(over({ method: 'GET', url: `${server.origin}/`, headers: {} }));
      await over.close();
      expect(mine.closed).toBe(false);
      await mine.close();
    });

    it.each([
      [{ connections: 0 }, RangeError, /connections must be a positive integer/],
      [{ connections: 1.5 }, RangeError, /connections/],
      [{ keepAliveTimeout: -1 }, RangeError, /keepAliveTimeout/],
      [{ maxBodyBytes: 0 }, RangeError, /maxBodyBytes/],
      [{ maxBodyBytes: Number.NaN }, RangeError, /maxBodyBytes/],
      [{ dispatcher: {} }, TypeError, /dispatcher must be an undici Dispatcher/],
      [{ dispatcher: { dispatch() {}, close() {} }, connections: 4 }, TypeError, /set them on your dispatcher/],
      [{ now: 5 }, TypeError, /now must be a function/],
    ])('refuses %p at once', (options, type, message) => {
      expect(() => undiciTransport(options as never)).toThrow(type);
      expect(() => undiciTransport(options as never)).toThrow(message);
    });
  });
});

(undiciSupported ? it.skip : it)('on Node before 20.18.1 (undici 7 needs it), undiciTransport() says so at once', () => {
  expect(() => undiciTransport()).toThrow(/needs Node 20\.18\.1 or later .* use fetchTransport\(\)/);
});
