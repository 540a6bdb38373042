import { lastValueFrom, merge, toArray } from 'rxjs';
import { result } from '../../src/lro/operators/result';
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
