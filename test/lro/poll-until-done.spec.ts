import { NEVER, Observable, of } from 'rxjs';
import { pollUntilDone } from '../../src/lro/poll-until-done';
import { toPromise } from '../../src/lro/to-promise';
import type { OperationSnapshot } from '../../src/lro/operators/operation-snapshots';
import { OperationCancelledError } from '../../src/core/errors/operation-cancelled-error';
import { isGraphLroError } from '../../src/core/errors/is-graph-lro-error';
import { NetworkError } from '../../src/core/errors/network-error';
import { RequestTimeoutError } from '../../src/core/errors/request-timeout-error';
import { GraphHttpError } from '../../src/core/errors/graph-http-error';
import { accepted, json } from '../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../helpers/virtual-client';

const OP = `${ROOT}/me/drive/items/A/workbook/operations/op1`;

describe('pollUntilDone', () => {
  it('resolves with the result', async () => {
    await expect(pollUntilDone(of({ type: 'succeeded' as const, result: 42 }))).resolves.toBe(42);
  });

  it('onProgress sees each snapshot in order, the last with the result, before the promise resolves', async () => {
    const seen: OperationSnapshot<string>[] = [];
    const events = of(
      { type: 'accepted' as const, location: 'https://m/1' },
      { type: 'status' as const, status: 'inProgress', percentageComplete: 40 },
      { type: 'status' as const, status: 'completed', percentageComplete: 100 },
      { type: 'succeeded' as const, result: 'copy' },
    );
    const copy = await pollUntilDone(events, { onProgress: (snapshot) => seen.push(snapshot) });
    expect(copy).toBe('copy');
    expect(seen).toEqual([
      { done: false, status: 'accepted', percentageComplete: undefined },
      { done: false, status: 'inProgress', percentageComplete: 40 },
      { done: false, status: 'completed', percentageComplete: 100 },
      { done: true, status: 'succeeded', percentageComplete: 100, result: 'copy' },
    ]);
  });

  it('an onProgress that throws cancels the operation and rejects with its error', async () => {
    let unsubscribed = false;
    const events = new Observable<{ type: 'status'; status: string }>((subscriber) => {
      subscriber.next({ type: 'status', status: 'running' });
      return () => (unsubscribed = true);
    });
    const oops = new Error('progress bar broke');
    await expect(
      pollUntilDone(events, {
        onProgress: () => {
          throw oops;
        },
      }),
    ).rejects.toBe(oops);
    expect(unsubscribed).toBe(true);
  });

  it('rejects with OperationCancelledError when abortSignal aborts, with its reason', async () => {
    const controller = new AbortController();
    const pending = pollUntilDone(NEVER, { abortSignal: controller.signal });
    controller.abort('user left');
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationCancelledError);
    expect((error as OperationCancelledError).reason).toBe('user left');
  });

  it('an already aborted signal never starts the operation', async () => {
    let subscribed = false;
    const source = new Observable<never>(() => {
      subscribed = true;
    });
    await expect(pollUntilDone(source, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(OperationCancelledError);
    expect(subscribed).toBe(false);
  });

  it('aborting cancels the poll in flight and every timer (virtual time)', () => {
    const controller = new AbortController();
    const { scheduler, graph, transport } = virtualClient((req) => (req.method === 'POST' ? of(accepted(OP)) : NEVER));
    let outcome: unknown;
    scheduler.run(() => {
      pollUntilDone(graph.workbook('/me/drive/items/A').createSession({ persistChanges: true }), { abortSignal: controller.signal }).catch((e: unknown) => (outcome = e));
      scheduler.schedule(() => controller.abort('enough'), 150);
    });
    expect(transport.log.map((r) => [r.at, r.method, r.aborted])).toEqual([
      [0, 'POST', false],
      [100, 'GET', true],
    ]);
    expect(scheduler.now()).toBe(150);
    return Promise.resolve().then(() => expect(outcome).toBeInstanceOf(OperationCancelledError));
  });

  it.each<[string, () => unknown, RegExp]>([
    ['an operation that is not an Observable', () => pollUntilDone(Promise.resolve(1) as never), /pollUntilDone\(operation\): operation must be an operation's Observable/],
    ['a signal that is not an AbortSignal', () => pollUntilDone(NEVER, { abortSignal: {} as AbortSignal }), /options\.abortSignal must be an AbortSignal/],
    ['an onProgress that is not a function', () => pollUntilDone(NEVER, { onProgress: 'log' as never }), /options\.onProgress must be a function/],
    ["toPromise's option name given to pollUntilDone", () => pollUntilDone(NEVER, { signal: AbortSignal.abort() } as never), /has no option 'signal'/],
  ])('refuses %s at once, naming it, before anything starts', (_name, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });
});

describe('toPromise (deprecated alias of pollUntilDone)', () => {
  it('resolves with the result', async () => {
    await expect(toPromise(of({ type: 'succeeded' as const, result: 42 }))).resolves.toBe(42);
  });

  it('its signal option still cancels: OperationCancelledError with the reason', async () => {
    const controller = new AbortController();
    const pending = toPromise(NEVER, { signal: controller.signal });
    controller.abort('user left');
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationCancelledError);
    expect((error as OperationCancelledError).reason).toBe('user left');
  });
});

describe('the signal option of an operation', () => {
  it('aborting cancels the request in flight and every timer; the error is OperationCancelledError', () => {
    const controller = new AbortController();
    const { scheduler, graph, transport } = virtualClient((req) => (req.method === 'POST' ? of(accepted(OP)) : NEVER));
    scheduler.schedule(() => controller.abort(new Error('shutting down')), 150);
    const out = runVirtual(scheduler, graph.workbook('/me/drive/items/A').createSession({ persistChanges: true }, { signal: controller.signal }));
    expect(out.error).toBeInstanceOf(OperationCancelledError);
    expect(((out.error as OperationCancelledError).reason as Error).message).toBe('shutting down');
    expect(transport.log.map((r) => [r.at, r.method, r.aborted])).toEqual([
      [0, 'POST', false],
      [100, 'GET', true],
    ]);
    // Nothing was left to run: the scheduler stopped at the abort.
    expect(scheduler.now()).toBe(150);
  });

  it('a signal that is not one is refused before anything is sent', () => {
    const { graph, transport } = virtualClient(() => NEVER);
    expect(() => graph.workbook('/me/drive/items/A').createSession({ persistChanges: true }, { signal: {} as AbortSignal })).toThrow(/signal must be an AbortSignal/);
    expect(transport.log).toHaveLength(0);
  });
});

describe('isGraphLroError: works without instanceof (the dual-package hazard)', () => {
  it('recognises each class and its bases by name', () => {
    const timeout = new RequestTimeoutError({ url: 'https://x' }, { timeoutMs: 5 });
    expect(isGraphLroError(timeout)).toBe(true);
    expect(isGraphLroError(timeout, 'NetworkError')).toBe(true);
    expect(isGraphLroError(timeout, 'RequestTimeoutError')).toBe(true);
    expect(isGraphLroError(timeout, 'GraphHttpError')).toBe(false);
    expect(isGraphLroError(new NetworkError({}, { cause: 'x' }), 'RequestTimeoutError')).toBe(false);
    expect(isGraphLroError(new Error('x'))).toBe(false);
    expect(isGraphLroError(null)).toBe(false);
  });

  it('recognises an error from another copy of the package, where instanceof fails', () => {
    // What the other copy's error looks like from here: same brand, another class.
    const other = new GraphHttpError({ method: 'GET', url: 'https://x', status: 404 });
    const foreign = Object.setPrototypeOf(other, Error.prototype) as Error;
    expect(foreign instanceof GraphHttpError).toBe(false);
    expect(isGraphLroError(foreign, 'GraphHttpError')).toBe(true);
    expect(json(200, {}).status).toBe(200);
  });
});
