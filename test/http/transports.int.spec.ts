import { firstValueFrom } from 'rxjs';
import { gzipSync, deflateSync, deflateRawSync, brotliCompressSync } from 'node:zlib';
import { ResponseTooLargeError } from '../../src/core/errors/response-too-large-error';
import { allTransports, serveEachTest, settle } from '../helpers/transports';
import { until } from '../helpers/simulator';

// What every transport the library ships guarantees, over real loopback
// sockets: the fetch transport on cross-fetch and on Node's fetch, and the
// undici transport (where its Node runs).

const serve = serveEachTest();

describe.each(allTransports)('$name', (transport) => {
  const make = transport.make;

  it('is cold: nothing is sent before subscription, and each subscription sends', async () => {
    const server = await serve((_req, res) => res.end('{}'));
    const request$ = make()({ method: 'GET', url: `${server.origin}/a`, headers: {} });
    await new Promise((r) => setTimeout(r, 20));
    expect(server.seen).toHaveLength(0);
    await firstValueFrom(request$);
    await firstValueFrom(request$);
    expect(server.seen).toHaveLength(2);
  });

  it('sends method, headers and body; answers with status, the headers the library reads (lower case) and the body as text', async () => {
    const server = await serve((_req, res) =>
      res.writeHead(202, { Location: '/op/1', 'Retry-After': '3', 'X-Other': 'not copied', 'Content-Type': 'application/json', 'Content-Length': '12' }).end('{"é":"✓"}'),
    );
    const response = await firstValueFrom(
      make()({ method: 'POST', url: `${server.origin}/start?x=1`, headers: { prefer: 'respond-async', 'content-type': 'application/json' }, body: '{"a":"ü"}' }),
    );
    expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/start?x=1', body: '{"a":"ü"}' });
    expect(server.seen[0]!.headers).toMatchObject({ prefer: 'respond-async', 'content-type': 'application/json' });
    expect(response).toEqual({ status: 202, headers: { location: '/op/1', 'retry-after': '3', 'content-length': '12' }, body: '{"é":"✓"}' });
  });

  it('any status is a response, not an error', async () => {
    const server = await serve((_req, res) => res.writeHead(503, { 'retry-after': '1' }).end('{"error":{"code":"x"}}'));
    const response = await firstValueFrom(make()({ method: 'GET', url: `${server.origin}/`, headers: {} }));
    expect(response).toMatchObject({ status: 503, headers: { 'retry-after': '1' }, body: '{"error":{"code":"x"}}' });
  });

  it('aborts the request when unsubscribed: the server sees the connection go, and nothing is emitted', async () => {
    const server = await serve(() => undefined); // never answers
    const seen: unknown[] = [];
    const subscription = make()({ method: 'GET', url: `${server.origin}/hang`, headers: {} }).subscribe({
      next: (v) => seen.push(v),
      error: (e) => seen.push(e),
      complete: () => seen.push('complete'),
    });
    await until(() => server.seen.length === 1);
    subscription.unsubscribe();
    await until(() => server.seen[0]!.aborted);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]);
  });

  it('aborts a body that is streaming when unsubscribed', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write('{"partial":');
    });
    const seen: unknown[] = [];
    const subscription = make()({ method: 'GET', url: `${server.origin}/`, headers: {} }).subscribe({ next: (v) => seen.push(v), error: (e) => seen.push(e) });
    await until(() => server.seen.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    subscription.unsubscribe();
    await until(() => server.seen[0]!.aborted);
    expect(seen).toEqual([]);
  });

  it('errors when there is no answer (connection refused, connection reset)', async () => {
    const closed = await serve(() => undefined);
    const url = `${closed.origin}/`;
    await closed.stop();
    // Errors of Node's own realm: not instances of the test's Error.
    expect((await settle(make()({ method: 'GET', url, headers: {} }))).error).toMatchObject({ message: expect.any(String) });
    const reset = await serve((req) => req.socket.destroy());
    expect((await settle(make()({ method: 'GET', url: `${reset.origin}/`, headers: {} }))).error).toMatchObject({ message: expect.any(String) });
  });

  (transport.lacks?.keepAlive ? it.skip : it)('keeps the connection alive: sequential requests a poll apart go over one connection', async () => {
    const server = await serve((_req, res) => res.end('{"ok":true}'));
    const send = make();
    for (let i = 0; i < 5; i++) {
      await firstValueFrom(send({ method: 'GET', url: `${server.origin}/${i}`, headers: {} }));
      // undici (and so Node's fetch) reuses a socket only a turn of the event loop after its answer ended.
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(server.seen.map((r) => r.connection)).toEqual([1, 1, 1, 1, 1]);
  });

  it("'manual' returns a redirect as the response, Location included, without following it", async () => {
    const server = await serve((req, res) => (req.url === '/from' ? res.writeHead(302, { location: '/to' }).end() : res.end('{}')));
    const response = await firstValueFrom(make()({ method: 'GET', url: `${server.origin}/from`, headers: {}, redirect: 'manual' }));
    expect(response.status).toBe(302);
    // node-fetch resolves it against the request's URL; the executor resolves it either way.
    expect(new URL(response.headers['location']!, `${server.origin}/from`).href).toBe(`${server.origin}/to`);
    expect(server.seen.map((r) => r.url)).toEqual(['/from']);
  });

  it("'follow' follows to another origin and never adds an Authorization header", async () => {
    const target = await serve((_req, res) => res.end('{"there":true}'), 'localhost');
    const server = await serve((_req, res) => res.writeHead(307, { location: `${target.origin}/download` }).end());
    const response = await firstValueFrom(make()({ method: 'GET', url: `${server.origin}/item`, headers: { accept: 'application/json' }, withoutToken: true }));
    expect(response).toMatchObject({ status: 200, body: '{"there":true}' });
    expect([...server.seen, ...target.seen].map((r) => r.headers.authorization)).toEqual([undefined, undefined]);
  });

  it("'follow' turns a 303 after a POST into a GET without the body", async () => {
    const server = await serve((req, res) => (req.url === '/post' ? res.writeHead(303, { location: '/result' }).end() : res.end('{"done":1}')));
    const response = await firstValueFrom(make()({ method: 'POST', url: `${server.origin}/post`, headers: { 'content-type': 'application/json' }, body: '{"a":1}' }));
    expect(response.body).toBe('{"done":1}');
    expect(server.seen.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', '/post', '{"a":1}'],
      ['GET', '/result', ''],
    ]);
  });

  describe('body size', () => {
    it('an endless body without Content-Length is cut at the limit, and the request aborted', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200);
        const chunk = Buffer.alloc(16 * 1024, 32);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      });
      const { error } = await settle(make(64 * 1024)({ method: 'GET', url: `${server.origin}/`, headers: {} }));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({ limitBytes: 64 * 1024, status: 200 });
      await until(() => server.seen[0]!.aborted);
    });

    it('a declared Content-Length over the limit is refused before the body is read', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        res.write('x');
      });
      const { error } = await settle(make(1024)({ method: 'GET', url: `${server.origin}/`, headers: {} }));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      await until(() => server.seen[0]!.aborted);
    });

    it('a body exactly at the limit is read', async () => {
      const body = 'x'.repeat(1000);
      const server = await serve((_req, res) => res.end(body));
      expect((await firstValueFrom(make(1000)({ method: 'GET', url: `${server.origin}/`, headers: {} }))).body).toBe(body);
    });

    it.each([
      ['gzip', 'gzip', gzipSync],
      ['deflate', 'deflate (zlib framing)', deflateSync],
      ...(transport.lacks?.rawDeflate ? [] : [['deflate', 'deflate (raw)', deflateRawSync] as const]),
      ['br', 'br', brotliCompressSync],
    ] as const)('a %s body is inflated, and its inflated bytes count against the limit (%s)', async (coding, _, compress) => {
      const small = JSON.stringify({ status: 'running', padding: 'a'.repeat(500) });
      const bomb = compress(Buffer.alloc(4 * 1024 * 1024, 32)); // 4 MiB of spaces: a few KB on the wire
      const server = await serve((req, res) => res.writeHead(200, { 'content-encoding': coding }).end(req.url === '/small' ? compress(small) : bomb));
      const send = make(64 * 1024);
      expect((await firstValueFrom(send({ method: 'GET', url: `${server.origin}/small`, headers: {} }))).body).toBe(small);
      expect(bomb.byteLength).toBeLessThan(64 * 1024);
      const { error } = await settle(send({ method: 'GET', url: `${server.origin}/bomb`, headers: {} }));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
    });
  });
});
