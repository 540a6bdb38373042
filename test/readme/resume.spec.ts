import { first, lastValueFrom } from 'rxjs';
import { createGraphClient, result, type OperationAccepted } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('resume after a crash: one process stores the handle, another finishes the operation', async () => {
  const client = () => createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', poll: { intervalMs: 10 } });
  const queue: string[] = []; // your message queue, database row or file

  // producer: keeps the handle once Graph has accepted the call, and stops there
  const graph = client();
  await lastValueFrom(
    graph
      .workbook('/me/drive/items/01ABC')
      .createSession({ persistChanges: true })
      .pipe(first((e): e is OperationAccepted => e.type === 'accepted')),
  ).then((e) => queue.push(JSON.stringify(e.handle)));

  // worker, elsewhere (another process, after a restart)
  const worker = client();
  const session = await lastValueFrom(worker.resume(JSON.parse(queue.shift()!)).pipe(result()));

  expect(session).toMatchObject({ persistChanges: true });
  expect(sim.requests.filter((r) => r.path.endsWith('/createSession'))).toHaveLength(1); // started once
});
