import { z } from 'zod';
import { lastValueFrom } from 'rxjs';
import { createGraphClient, OperationFailedError, result, type StatusModel } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

// An operation of your own (here, a report render answering 202 + Operation-Location),
// typed with zod: a zod schema is a Standard Schema, so it is passed as it is.
const RenderStatus = z.object({
  state: z.string(), // 'queued' | 'rendering' | 'done' | 'failed', and whatever comes later
  pct: z.number().optional(),
  href: z.string().optional(),
  problem: z.object({ code: z.string(), message: z.string() }).optional(),
});
type RenderStatus = z.infer<typeof RenderStatus>;

const renderStatus: StatusModel<RenderStatus> = {
  codec: RenderStatus,
  describe: (s) => (s.pct === undefined ? { status: s.state } : { status: s.state, percentageComplete: s.pct }),
  state: (s) => (s.state === 'done' ? 'succeeded' : s.state === 'failed' ? 'failed' : 'running'),
  error: (s) => s.problem, // becomes OperationFailedError's code and message
};
const Report = z.object({ id: z.string(), pages: z.number().int() });

const render = (graph: ReturnType<typeof createGraphClient>, id: string) =>
  graph.operation({
    kind: 'reports.render',
    request: { method: 'POST', url: `/reports/${id}/render` },
    status: renderStatus,
    resultUrl: (s) => s.href,
    resultCodec: Report,
  });

test('a zod-typed custom operation, played by the simulator', async () => {
  const sim = await new GraphSimulator().start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });
  sim.defineOperation({
    path: /^\/reports\/7\/render$/,
    statusHeader: 'operation-location',
    steps: [{ body: { state: 'queued' } }, { body: { state: 'rendering', pct: 40 } }, { body: { state: 'done', pct: 100, href: '{{result}}' } }],
    result: { id: 'report-7', pages: 12 },
  });
  sim.defineOperation({
    path: /^\/reports\/8\/render$/,
    steps: [{ body: { state: 'failed', problem: { code: 'fontMissing', message: 'Font "Contoso Sans" is not installed' } } }],
  });

  const report = await lastValueFrom(render(graph, '7').pipe(result()));
  const failure = await lastValueFrom(render(graph, '8')).catch((e: unknown) => e);

  expect(report).toEqual({ id: 'report-7', pages: 12 });
  expect(failure).toBeInstanceOf(OperationFailedError);
  expect(failure).toMatchObject({ code: 'fontMissing' });
  await sim.stop();
});
