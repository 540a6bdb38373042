import { defer, finalize, VirtualTimeScheduler, type Observable } from 'rxjs';
import { fetchTransport } from '../../src/http/fetch-transport';
import type { HttpTransport } from '../../src/http/transport';

/**
 * Virtual time over real HTTP: a client whose scheduler is virtual and whose
 * requests are real (to the simulator on loopback). Time moves only when
 * nothing is in flight: then it jumps to the next timer (a poll's wait, a
 * bound). Give the simulator `now: stepped.now` and an hour-long operation
 * plays in milliseconds, with the client and the server on one clock.
 */
export function steppedTime() {
  const scheduler = new VirtualTimeScheduler();
  let inFlight = 0;
  const real = fetchTransport();
  const transport: HttpTransport = (request) =>
    defer(() => {
      inFlight++;
      return real(request).pipe(finalize(() => inFlight--));
    });

  /** Waits until no request is in flight and nothing more is on its way (three quiet turns of the event loop). */
  async function settle(): Promise<void> {
    let quiet = 0;
    while (quiet < 3) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  }

  /** Subscribes and drives time until the source ends; values with the virtual time each came at. */
  async function run<T>(source: Observable<T>, limitMs = 7 * 24 * 3_600_000): Promise<{ values: T[]; at: number[]; error?: unknown }> {
    const values: T[] = [];
    const at: number[] = [];
    let done = false;
    let error: unknown;
    const subscription = source.subscribe({
      next: (value) => {
        values.push(value);
        at.push(scheduler.now());
      },
      error: (e) => {
        error = e;
        done = true;
      },
      complete: () => (done = true),
    });
    while (!done) {
      await settle();
      if (done) break;
      const next = scheduler.actions[0];
      if (!next) throw new Error('stalled: nothing in flight and no timer');
      if (next.delay > limitMs) throw new Error(`nothing ended within ${limitMs} ms of virtual time`);
      scheduler.maxFrames = next.delay;
      scheduler.flush();
    }
    subscription.unsubscribe();
    return { values, at, ...(error !== undefined ? { error } : {}) };
  }

  return { scheduler, transport, run, now: () => scheduler.now() };
}
