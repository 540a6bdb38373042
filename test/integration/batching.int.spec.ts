import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { config, lastValueFrom, materialize, merge, toArray } from 'rxjs';
import { result } from '../../src/lro/operators/result';
import { createGraphClient } from '../../src/client';
import { fetchTransport } from '../../src/http/fetch-transport';
import type { GraphSimulator } from '../../src/testing';
import { startSimulator, TOKEN } from '../helpers/simulator';

let sim: GraphSimulator;
afterEach(async () => sim?.stop());

async function sessions(count: number, batch: boolean) {
  const started = await startSimulator({}, batch ? { batch: { windowMs: 20 } } : {});
  sim = started.sim;
  const ops = Array.from({ length: count }, (_, i) => started.graph.workbook(`/me/drive/items/B${i}`).createSession({ persistChanges: true }).pipe(result()));
  const results = await lastValueFrom(merge(...ops).pipe(toArray()));
  const roundTrips = sim.requests.filter((r) => !r.batchItem && r.method !== 'POST' || r.path.endsWith('/$batch'));
  return { results, roundTrips: roundTrips.length, log: sim.requests };
}

describe('$batch over HTTP against the simulator', () => {
  it('60 concurrent createSessions: every one succeeds, with far fewer round trips for polls and results', async () => {
    const batched = await sessions(60, true);
    expect(batched.results).toHaveLength(60);
    expect(batched.results.every((s) => s.persistChanges)).toBe(true);
    await sim.stop();
    const single = await sessions(60, false);
    expect(single.results).toHaveLength(60);
    // Unbatched: 60 x (2 polls + 1 result) GETs. Batched: a handful of $batch POSTs.
    expect(single.roundTrips).toBeGreaterThanOrEqual(180);
    expect(batched.roundTrips * 10).toBeLessThanOrEqual(single.roundTrips);
    // The items were real requests to Graph, each with the token (the simulator played them).
    expect(batched.log.filter((r) => r.batchItem).every((r) => r.authorization === 'valid')).toBe(true);
  });

  it('an item throttled on its own is retried alone; the operation still succeeds', async () => {
    const started = await startSimulator({}, { batch: { windowMs: 20 } });
    sim = started.sim;
    sim.inject({ method: 'GET', path: '/operations/', times: 1, action: { kind: 'status', status: 429, retryAfter: '0.05' } });
    const all = await lastValueFrom(merge(...[1, 2, 3].map((i) => started.graph.workbook(`/me/drive/items/T${i}`).createSession({ persistChanges: false }).pipe(result()))).pipe(toArray()));
    expect(all).toHaveLength(3);
    expect(sim.requests.some((r) => r.batchItem && r.status === 429)).toBe(true);
  });

  it('the simulator keeps Graph\'s limits: more than 20 requests, or an absolute URL, is refused', async () => {
    const started = await startSimulator();
    sim = started.sim;
    const post = (requests: unknown[]) =>
      fetch(`${sim.baseUrl}/$batch`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ requests }) });
    expect((await post(Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me/drive/items/x' })))).status).toBe(400);
    const answer = (await (await post([{ id: '1', method: 'GET', url: 'https://evil.example/x' }, { id: '2', method: 'GET', url: '/me/drive/items/x' }])).json()) as {
      responses: { id: string; status: number }[];
    };
    expect(answer.responses.map((r) => [r.id, r.status])).toEqual([
      ['1', 400],
      ['2', 200],
    ]);
  });
});

/**
 * A tiny Graph over loopback that writes its `$batch` answers as text, so an
 * item's body can nest deeper than JSON.stringify can write (the simulator
 * re-serialises item bodies, and could not). Operations: POST /v1.0/ops/{name}
 * → 202; GET /v1.0/ops/{name} → the status document `bodies[name]`, or
 * succeeded with `who: name`.
 */
async function tinyGraph(bodies: Record<string, string>) {
  const log: string[] = [];
  const statusOf = (name: string) => bodies[name] ?? `{"status":"succeeded","who":"${name}"}`;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      log.push(`${req.method} ${path}`);
      const send = (status: number, text: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(text);
      };
      if (req.method === 'POST' && path === '/v1.0/$batch') {
        const { requests } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { requests: { id: string; url: string }[] };
        const entries = requests.map((r) => `{"id":${JSON.stringify(r.id)},"status":200,"headers":{"Content-Type":"application/json"},"body":${statusOf(r.url.slice('/ops/'.length))}}`);
        return send(200, `{"responses":[${entries.join(',')}]}`);
      }
      const name = /^\/v1\.0\/ops\/(\w+)$/.exec(path)?.[1];
      if (req.method === 'POST' && name) return send(202, '', { location: `${base}/ops/${name}` });
      if (req.method === 'GET' && name) return send(200, statusOf(name));
      send(404, '{"error":{"code":"itemNotFound"}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
  return { base, log, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('a $batch answer that an item cannot take as it stands (too deep, too large), over HTTP', () => {
  const unhandled: unknown[] = [];
  const record = (error: unknown) => unhandled.push(error);
  let graph: Awaited<ReturnType<typeof tinyGraph>> | undefined;
  beforeAll(() => {
    config.onUnhandledError = record;
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterAll(() => {
    config.onUnhandledError = null;
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });
  afterEach(async () => {
    await graph?.stop();
    graph = undefined;
  });

  const deepArray = '['.repeat(5000) + ']'.repeat(5000);
  it.each<[string, string, string]>([
    // [the deep item's status document, what a single poll makes of it, so what its operation must end with]
    ['an array 5,000 deep: a DecodeError, as on a single poll', deepArray, 'DecodeError'],
    ['a status with a field 5,000 deep, which the status model ignores: succeeded, as on a single poll', `{"status":"succeeded","who":"deep","x":${deepArray}}`, 'deep'],
  ])('%s; the process does not crash and the other operations of its batch end promptly', async (_what, deepBody, outcome) => {
    graph = await tinyGraph({ deep: deepBody });
    const client = createGraphClient({ baseUrl: graph.base, token: TOKEN, batch: { windowMs: 20 }, poll: { intervalMs: 5, backoffFactor: 1 }, requestTimeoutMs: 5000 });
    const startedAt = Date.now();
    const ends = await lastValueFrom(
      merge(
        ...['deep', 'a', 'b', 'c'].map((name) =>
          client.operation({ request: { method: 'POST', url: `/ops/${name}` } }, { timeoutMs: 5000 }).pipe(result(), materialize()),
        ),
      ).pipe(toArray()),
    );
    const elapsed = Date.now() - startedAt;
    const how = ends.filter((n) => n.kind !== 'C').map((n) => (n.kind === 'E' ? (n.error as Error).name : (n.value as { who: string }).who));
    expect(how.sort()).toEqual([outcome, 'a', 'b', 'c'].sort());
    expect(unhandled).toEqual([]);
    // Far below the operations' 5 s bound: nobody waited for the item that could not be read.
    expect(elapsed).toBeLessThan(2000);
    // The deep item was answered in the batch with the others, then read alone: its own response, the single request's checks.
    expect(graph.log).toEqual(expect.arrayContaining(['POST /v1.0/$batch', 'GET /v1.0/ops/deep']));
    expect(graph.log.filter((line) => line.startsWith('GET'))).toEqual(['GET /v1.0/ops/deep']);
  });

  it('an item larger than a single answer may be: the batch answer is over the transport\'s bound as a whole, so every item goes alone and only that one fails, as it would alone', async () => {
    graph = await tinyGraph({ big: `{"status":"succeeded","who":"big","pad":"${'x'.repeat(4096)}"}` });
    const client = createGraphClient({ baseUrl: graph.base, token: TOKEN, transport: fetchTransport(undefined, 2048), batch: { windowMs: 20 }, poll: { intervalMs: 5, backoffFactor: 1 } });
    const ends = await lastValueFrom(
      merge(...['big', 'a', 'b'].map((name) => client.operation({ request: { method: 'POST', url: `/ops/${name}` } }, { timeoutMs: 5000 }).pipe(result(), materialize()))).pipe(toArray()),
    );
    const how = ends.filter((n) => n.kind !== 'C').map((n) => (n.kind === 'E' ? (n.error as Error).name : (n.value as { who: string }).who));
    expect(how.sort()).toEqual(['ResponseTooLargeError', 'a', 'b']);
    expect(unhandled).toEqual([]);
  });
});
