import { lastValueFrom, tap } from 'rxjs';
import { createGraphClient, operationSnapshots, pollUntilDone } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

describe("a copy's progress and its result", () => {
  const sim = new GraphSimulator();
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());
  const graph = () => createGraphClient({ baseUrl: sim.baseUrl, token: 'test-token', poll: { intervalMs: 10 } });

  it('as a Promise, in core-lro terms: onProgress and abortSignal', async () => {
    const seen: string[] = [];
    const copy = await pollUntilDone(graph().driveItem('/me/drive/items/01ABC').copy({ name: 'Copy' }), {
      onProgress: ({ status, percentageComplete }) => seen.push(`${status} ${percentageComplete ?? '-'}%`),
      abortSignal: AbortSignal.timeout(60_000),
    });

    expect(copy.name).toBe('Copy');
    expect(seen).toEqual(['accepted -%', 'notStarted 0%', 'inProgress 25%', 'inProgress 50%', 'inProgress 75%', 'completed 100%', 'succeeded 100%']);
  });

  it('from one subscription: a snapshot per event, the last one with the result', async () => {
    const seen: string[] = [];
    const last = await lastValueFrom(
      graph()
        .driveItem('/me/drive/items/01ABC')
        .copy({ name: 'Copy 2' })
        .pipe(
          operationSnapshots(),
          tap(({ status, percentageComplete }) => seen.push(`${status} ${percentageComplete ?? '-'}%`)),
        ),
    );

    expect(last.done && last.result.name).toBe('Copy 2');
    expect(seen).toEqual(['accepted -%', 'notStarted 0%', 'inProgress 25%', 'inProgress 50%', 'inProgress 75%', 'completed 100%', 'succeeded 100%']);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/copy'))).toHaveLength(2); // one start each
  });
});
