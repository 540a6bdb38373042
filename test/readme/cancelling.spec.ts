import { lastValueFrom, Subject, takeUntil } from 'rxjs';
import { createGraphClient, isGraphLroError, pollUntilDone, result } from 'rx-graph-lro';
import { GraphSimulator } from 'rx-graph-lro/testing';

// Sessions that stay 'running' until cancelled.
const sim = new GraphSimulator({ script: () => ({ statuses: ['running'] }) });
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('cancelling: an AbortSignal per call, a Promise with abortSignal, takeUntil', async () => {
  const graph = createGraphClient({ baseUrl: sim.baseUrl, token: () => 'token', poll: { intervalMs: 10 } });
  const book = graph.workbook('/me/drive/items/01ABC');
  const seen: string[] = [];

  // An AbortSignal per call (as core-lro's pollUntilDone({ abortSignal })):
  const controller = new AbortController();
  const first = lastValueFrom(book.createSession({ persistChanges: true }, { signal: controller.signal })).catch((e: Error) => seen.push(e.name));
  controller.abort(); // → OperationCancelledError, reason = the signal's reason
  await first;

  // A Promise of the result, cancelled by a signal:
  await pollUntilDone(book.createSession({ persistChanges: true }), { abortSignal: AbortSignal.timeout(100) }).catch((e: Error) => seen.push(e.name));

  // rxjs operators: result() after takeUntil errors with OperationCancelledError, not a protocol error.
  const shutdown$ = new Subject<void>();
  const third = new Promise<void>((resolve) =>
    book
      .createSession({ persistChanges: true })
      .pipe(takeUntil(shutdown$), result())
      .subscribe({
        error: (e) => {
          if (isGraphLroError(e, 'OperationCancelledError')) seen.push('we stopped it');
          resolve();
        },
      }),
  );
  setTimeout(() => shutdown$.next(), 100);
  await third;

  expect(seen).toEqual(['OperationCancelledError', 'OperationCancelledError', 'we stopped it']);
  const sent = sim.requests.length;
  await new Promise((resolve) => setTimeout(resolve, 100)); // ten poll intervals
  expect(sim.requests.length).toBe(sent); // nothing more is sent
});
