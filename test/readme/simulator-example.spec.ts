import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

describe('my report service', () => {
  const sim = new GraphSimulator();
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  it('survives a gateway timeout on createSession', async () => {
    sim.inject({ method: 'POST', path: 'createSession', action: { kind: 'status', status: 504 } });
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'test-token', poll: { intervalMs: 10 } });

    const session = await lastValueFrom(
      graph.workbook('/me/drive/root:/Reports/Q1.xlsx:').createSession({ persistChanges: true }).pipe(result()),
    );

    expect(session.persistChanges).toBe(true);
    expect(sim.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([504, 202]);
  });
});
