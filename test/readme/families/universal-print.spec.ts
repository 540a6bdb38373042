import { createGraphClient, toPromise } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

test('Universal Print: register a printer (its status is nested: status.state)', async () => {
  const sim = await new GraphSimulator({ scripts: { 'print.createPrinter': { statuses: ['running', 'succeeded'], retryAfter: '0' } } }).start();
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10 } });

  const printer = await toPromise(
    graph.print.createPrinter({ displayName: 'Floor 3', manufacturer: 'Contoso', model: 'LX-9', certificateSigningRequest: { content: 'MIIC…', transportKey: 'MIIB…' } }),
  );

  expect(printer['displayName']).toBe('Floor 3');
  await sim.stop();
});
