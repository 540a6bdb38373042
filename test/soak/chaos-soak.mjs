// Chaos soak: many operations of mixed kinds against the simulator with
// random faults from a fixed seed. Prints one JSON summary line and must
// then exit on its own: no socket, timer or listener may be left behind.
//   node test/soak/chaos-soak.mjs [operations=1200] [seed=20261122]
import { catchError, from, map, mergeMap, of, tap } from 'rxjs';
import { createGraphClient, GraphLroError, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

const total = Number(process.argv[2] ?? 1200);
const seed = Number(process.argv[3] ?? 20261122);
const TOKEN = 'soak-token-5e1f0c';

const sim = new GraphSimulator({
  // Every request stays in the log: the token check below must see them all.
  maxLoggedRequests: Infinity,
  chaos: { seed, gatewayTimeout: 0.2, throttle: 0.1, retryAfter: '0.01', reset: 0.05, malformed: 0.02 },
  // A few operations fail, a few never finish (the caller's timeout ends those).
  script: ({ kind, item }) => {
    const n = Number(/(\d+)$/.exec(item)?.[1] ?? 0);
    if (n % 97 === 13) return kind === 'copy' ? { statuses: ['inProgress', 'failed'], percentages: [40] } : { statuses: ['running', 'failed'] };
    if (n % 101 === 17) return kind === 'copy' ? { statuses: ['inProgress'], percentages: [10] } : { statuses: ['running'] };
    return kind === 'copy'
      ? { statuses: ['notStarted', 'inProgress', 'completed'], percentages: [0, 50, 100] }
      : { statuses: ['notStarted', 'running', 'succeeded'] };
  },
});
await sim.start();
const graph = createGraphClient({
  baseUrl: sim.baseUrl,
  token: TOKEN,
  poll: { intervalMs: 5, backoffFactor: 1 },
  retry: { baseDelayMs: 5, maxDelayMs: 40 },
});

const endings = new Array(total).fill(0);
const outcomes = {};
let untyped = 0;
let tokenInError = 0;
const started = performance.now();
const operation = (i) => {
  const item = `/me/drive/items/item-${i}`;
  const options = { timeoutMs: 2000 };
  switch (i % 3) {
    case 0:
      return graph.workbook(item).createSession({ persistChanges: true }, options);
    case 1:
      return graph.workbook(item).addTableRow('Soak', [[i]], options);
    default:
      return graph.driveItem(item).copy({ name: `copy ${i}` }, options);
  }
};

await new Promise((resolve, reject) =>
  from(Array.from({ length: total }, (_, i) => i))
    .pipe(
      mergeMap(
        (i) =>
          operation(i).pipe(
            result(),
            map(() => 'succeeded'),
            catchError((error) => {
              if (!(error instanceof GraphLroError)) untyped++;
              if (`${error.message} ${error.stack} ${JSON.stringify(error)}`.includes(TOKEN)) tokenInError++;
              const why = error.status ? `${error.name} ${error.status}` : error.name;
              return of(why);
            }),
            tap((outcome) => {
              endings[i]++;
              outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
            }),
          ),
        100,
      ),
    )
    .subscribe({ error: reject, complete: resolve }),
);

const elapsedMs = Math.round(performance.now() - started);
const monitor = sim.requests.filter((r) => r.origin === 'monitor');
const summary = {
  operations: total,
  ended: endings.reduce((a, b) => a + b, 0),
  endedTwice: endings.filter((n) => n > 1).length,
  neverEnded: endings.filter((n) => n === 0).length,
  outcomes,
  untyped,
  tokenInError,
  requests: sim.requestCount,
  monitorRequests: monitor.length,
  monitorWithAuthorization: monitor.filter((r) => r.authorization !== 'none').length,
  elapsedMs,
};
await sim.stop();
console.log(JSON.stringify(summary));
// No process.exit: the process must end by itself.
