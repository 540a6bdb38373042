import { Observable, of } from 'rxjs';
import { createGraphClient, type GraphClientOptions } from '../../src/client';
import type { HttpRequest, HttpResponse } from '../../src/http/transport';
import { fakeTransport } from './fake-transport';
import { testScheduler } from './marbles';

export const ROOT = 'https://graph.microsoft.com/v1.0';
export const TOKEN = 'secret-token-value';
export type Handler = (req: HttpRequest, i: number) => Observable<HttpResponse>;

/** A client over a fake transport on a TestScheduler, with exact (jitter-free) retries and steady 100 ms polls. */
export function virtualClient(handler: Handler, over: GraphClientOptions = {}) {
  const scheduler = testScheduler();
  const transport = fakeTransport(scheduler, handler);
  const graph = createGraphClient({
    token: TOKEN,
    transport,
    scheduler,
    poll: { intervalMs: 100, backoffFactor: 1 },
    retry: { baseDelayMs: 50, random: () => 1 },
    ...over,
  });
  const later = (response: HttpResponse, ms: number): Observable<HttpResponse> =>
    ms === 0
      ? of(response)
      : new Observable<HttpResponse>((sub) => {
          const task = scheduler.schedule(() => {
            sub.next(response);
            sub.complete();
          }, ms);
          return () => task.unsubscribe();
        });
  return { scheduler, transport, graph, later };
}

/** Subscribes in virtual time and records what happened and when; optionally unsubscribes at a time. */
export function runVirtual<T>(scheduler: ReturnType<typeof testScheduler>, source: Observable<T>, unsubscribeAt?: number) {
  const events: { at: number; value: T }[] = [];
  let error: unknown;
  let completedAt: number | undefined;
  scheduler.run(() => {
    const sub = source.subscribe({
      next: (value) => events.push({ at: scheduler.now(), value }),
      error: (e) => (error = e),
      complete: () => (completedAt = scheduler.now()),
    });
    if (unsubscribeAt !== undefined) scheduler.schedule(() => sub.unsubscribe(), unsubscribeAt);
  });
  return { events, values: events.map((e) => e.value), error, completedAt };
}
