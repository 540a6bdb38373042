import { lastValueFrom } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import type { GraphLroEvent } from 'rx-graph-lro/instrumentation';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('a structured event hook, without OpenTelemetry', async () => {
  const logger = { lines: [] as GraphLroEvent[], debug(event: GraphLroEvent) { this.lines.push(event); } };
  sim.inject({ method: 'POST', path: 'createSession', action: { kind: 'status', status: 504, code: 'gatewayTimeout' } });

  const graph = createGraphClient({
    baseUrl: sim.baseUrl,
    token: () => 'token',
    poll: { intervalMs: 10 },
    onEvent: (event) => logger.debug(event), // plain objects
  });
  await lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));

  expect(logger.lines[0]).toMatchObject({ type: 'operation.started', kind: 'workbook.createSession' });
  expect(logger.lines).toContainEqual(expect.objectContaining({ type: 'request.sent', method: 'POST', attempt: 0 }));
  expect(logger.lines).toContainEqual(expect.objectContaining({ type: 'request.retried', error: expect.objectContaining({ name: 'GraphHttpError', status: 504, code: 'gatewayTimeout' }) }));
  expect(logger.lines).toContainEqual(expect.objectContaining({ type: 'operation.status', status: 'running' }));
  expect(logger.lines.at(-1)).toMatchObject({ type: 'operation.ended', outcome: 'succeeded', polls: 3, retries: 1 });
});
