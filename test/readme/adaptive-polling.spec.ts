import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { adaptivePolling, createGraphClient, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // Graph's stand-in, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('adaptive polling, with what it learned kept across restarts', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'polling-')), 'polling.json');
  const start = () => {
    const polling = adaptivePolling({ targetDelayMs: 1000 });
    try {
      polling.import(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      // first run: no history yet
    }
    const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'token', poll: { intervalMs: 10, strategy: polling } });
    const stop = () => writeFileSync(file, JSON.stringify(polling.export())); // on SIGTERM: process.on('SIGTERM', stop)
    return { graph, polling, stop };
  };

  const first = start();
  await lastValueFrom(first.graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
  first.stop();
  const second = start(); // after a restart

  expect(second.polling.export()).toEqual(first.polling.export());
  expect(JSON.stringify(second.polling.export())).toContain('workbook.createSession'); // one duration learned for the kind
});
