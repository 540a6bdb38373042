// Creates a workbook session the asynchronous way (Prefer: respond-async,
// 202 + Location, polling) and prints every event as it happens.
//
//   npm run demo                       against the embedded Graph simulator
//   GRAPH_TOKEN=… GRAPH_ITEM=/me/drive/items/{id} npm run demo
//                                      against real Graph (GRAPH_BASE_URL for a national cloud)
import { createGraphClient } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const real = Boolean(process.env.GRAPH_TOKEN);
const sim = real ? undefined : new GraphSimulator();
if (sim) {
  await sim.start();
  // A 504 first, as the createSession documentation warns, to show the repeat.
  sim.inject({ method: 'POST', path: 'createSession', action: { kind: 'status', status: 504 } });
}

const graph = createGraphClient({
  baseUrl: process.env.GRAPH_BASE_URL || sim?.baseUrl,
  token: process.env.GRAPH_TOKEN || 'simulator-token',
  poll: { intervalMs: real ? 1000 : 300 },
  retry: { baseDelayMs: real ? 500 : 200 },
});
const item = process.env.GRAPH_ITEM || '/me/drive/root:/Reports/Quarterly.xlsx:';
console.log(`createSession on ${graph.apiRoot}${item} ${sim ? '(embedded simulator)' : ''}`);

const started = Date.now();
const elapsed = () => `${String(Date.now() - started).padStart(5)} ms`;
const subscription = graph
  .workbook(item)
  .createSession({ persistChanges: true }, { timeoutMs: 60_000 })
  .subscribe({
    next: (event) => {
      if (event.type === 'accepted') console.log(`${elapsed()}  accepted, polling ${event.location}`);
      if (event.type === 'status') console.log(`${elapsed()}  status: ${event.status}`);
      if (event.type === 'succeeded') console.log(`${elapsed()}  session ${event.result.id} (persistChanges: ${event.result.persistChanges})`);
    },
    error: async (error) => {
      console.error(`${elapsed()}  ${error.name}: ${error.message}`);
      process.exitCode = 1;
      await finish();
    },
    complete: finish,
  });

process.once('SIGINT', async () => {
  console.log('\ncancelled: the request in flight is aborted, nothing more is sent');
  subscription.unsubscribe();
  await finish();
});

async function finish() {
  if (sim) {
    const posts = sim.requests.filter((r) => r.method === 'POST').map((r) => r.status);
    console.log(`simulator saw ${sim.requests.length} requests (createSession answers: ${posts.join(', ')})`);
    await sim.stop();
  }
}
