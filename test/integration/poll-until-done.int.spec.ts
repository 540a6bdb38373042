import { pollUntilDone, type OperationSnapshot } from '../../src/index';
import { OperationCancelledError } from '../../src/core/errors/operation-cancelled-error';
import type { GraphSimulator } from '../../src/testing';
import { startSimulator, until } from '../helpers/simulator';

// The Promise side, as a user awaiting a copy over HTTP sees it: progress
// from onProgress, the result from the promise, one start, and an abort that
// closes the poll in flight.
let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];
beforeEach(async () => ({ sim, graph } = await startSimulator()));
afterEach(() => sim.stop());

describe('pollUntilDone over HTTP', () => {
  it("a copy: onProgress sees each percentage the monitor reports, the promise gives the copy, and the copy was started once", async () => {
    const seen: OperationSnapshot<{ name?: string }>[] = [];
    const copy = await pollUntilDone(graph.driveItem('/me/drive/items/01FOLDER').copy({ name: 'Copy of LargeFolder1' }), { onProgress: (s) => seen.push(s) });
    expect(copy).toMatchObject({ name: 'Copy of LargeFolder1' });
    expect(seen.filter((s) => !s.done).map((s) => s.percentageComplete)).toEqual([undefined, 0, 25, 50, 75, 100]);
    expect(seen.at(-1)).toMatchObject({ done: true, status: 'succeeded', result: { name: 'Copy of LargeFolder1' } });
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/copy'))).toHaveLength(1);
  });

  it('abortSignal: the poll in flight is closed unanswered, the promise rejects with OperationCancelledError, nothing more is sent', async () => {
    sim.setScript(() => ({ statuses: ['inProgress'], percentages: [10] }));
    const controller = new AbortController();
    const copied = pollUntilDone(graph.driveItem('/me/drive/items/01FOLDER').copy({ name: 'x' }), { abortSignal: controller.signal }).catch((e: unknown) => e);
    await until(() => sim.requests.some((r) => r.origin === 'monitor'));
    sim.inject({ method: 'GET', action: { kind: 'hang' } });
    const from = sim.requests.length;
    await until(() => sim.requests.length > from);
    controller.abort('user left');
    const error = await copied;
    expect(error).toBeInstanceOf(OperationCancelledError);
    expect((error as OperationCancelledError).reason).toBe('user left');
    await until(() => sim.requests[from]!.aborted);
    const atAbort = sim.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.requests.length).toBe(atAbort);
  });
});
