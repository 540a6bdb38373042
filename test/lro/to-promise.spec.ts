import { NEVER, of } from 'rxjs';
import { toPromise } from '../../src/lro/to-promise';
import { OperationCancelledError } from '../../src/core/errors/operation-cancelled-error';
import { isGraphLroError } from '../../src/core/errors/is-graph-lro-error';
import { NetworkError } from '../../src/core/errors/network-error';
import { RequestTimeoutError } from '../../src/core/errors/request-timeout-error';
import { GraphHttpError } from '../../src/core/errors/graph-http-error';
import { accepted, json } from '../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../helpers/virtual-client';

const OP = `${ROOT}/me/drive/items/A/workbook/operations/op1`;

describe('toPromise', () => {
  it('resolves with the result', async () => {
    await expect(toPromise(of({ type: 'succeeded' as const, result: 42 }))).resolves.toBe(42);
  });

  it('rejects with OperationCancelledError when the signal aborts, with its reason', async () => {
    const controller = new AbortController();
    const pending = toPromise(NEVER, { signal: controller.signal });
    controller.abort('user left');
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationCancelledError);
    expect((error as OperationCancelledError).reason).toBe('user left');
  });

  it('an already aborted signal never starts the operation', async () => {
    let subscribed = false;
    const source = new (await import('rxjs')).Observable<never>(() => {
      subscribed = true;
    });
    await expect(toPromise(source, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(OperationCancelledError);
    expect(subscribed).toBe(false);
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
    const timeout = new RequestTimeoutError({ url: 'https://x' }, 5);
    expect(isGraphLroError(timeout)).toBe(true);
    expect(isGraphLroError(timeout, 'NetworkError')).toBe(true);
    expect(isGraphLroError(timeout, 'RequestTimeoutError')).toBe(true);
    expect(isGraphLroError(timeout, 'GraphHttpError')).toBe(false);
    expect(isGraphLroError(new NetworkError({}, 'x'), 'RequestTimeoutError')).toBe(false);
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
