import { marbles } from 'rxjs-marbles/jest';
import { operationTimeout } from '../../../src/lro/operators/operation-timeout';
import { OperationTimeoutError } from '../../../src/core/errors/operation-timeout-error';
import type { OperationEvent } from '../../../src/lro/operation-event';

const events: Record<string, OperationEvent<string>> = {
  a: { type: 'accepted', location: 'https://graph/op/1' },
  r: { type: 'status', status: 'running' },
  s: { type: 'succeeded', result: 'done' },
};

describe('operationTimeout', () => {
  it(
    'errors with the last status and the polled URL, and unsubscribes the operation',
    marbles((m) => {
      const source = m.cold('a-r------s|', events);
      const result = source.pipe(operationTimeout<string>({ timeoutMs: 5, scheduler: m.scheduler }));
      m.expect(result).toBeObservable('a-r--#', events, new OperationTimeoutError({ method: 'GET', url: 'https://graph/op/1' }, { timeoutMs: 5, lastStatus: 'running' }));
      m.expect(source).toHaveSubscriptions('^----!');
    }),
  );

  it(
    'bounds the total, not the gap between events (unlike rxjs timeout)',
    marbles((m) => {
      const source = m.cold('a--r--r--r--r', events);
      const result = source.pipe(operationTimeout<string>({ timeoutMs: 8, scheduler: m.scheduler }));
      m.expect(result).toBeObservable('a--r--r-#', events, new OperationTimeoutError({ method: 'GET', url: 'https://graph/op/1' }, { timeoutMs: 8, lastStatus: 'running' }));
      m.expect(source).toHaveSubscriptions('^-------!');
    }),
  );

  it(
    'lets an operation that finishes in time through, and clears its timer',
    marbles((m) => {
      const source = m.cold('a-r-s|', events);
      m.expect(source.pipe(operationTimeout<string>({ timeoutMs: 10, scheduler: m.scheduler }))).toBeObservable('a-r-s|', events);
      m.expect(source).toHaveSubscriptions('^----!');
    }),
  );

  it(
    'says when no status was seen at all',
    marbles((m) => {
      const source = m.cold('----', events);
      const result = source.pipe(operationTimeout<string>({ timeoutMs: 3, scheduler: m.scheduler }));
      m.expect(result).toBeObservable('---#', events, new OperationTimeoutError({}, { timeoutMs: 3 }));
      m.expect(source).toHaveSubscriptions('^--!');
    }),
  );

  it(
    'an early unsubscribe clears the timer and unsubscribes the operation',
    marbles((m) => {
      const source = m.cold('a-r------', events);
      m.expect(source.pipe(operationTimeout<string>({ timeoutMs: 5, scheduler: m.scheduler })), '^-!').toBeObservable('a-', events);
      m.expect(source).toHaveSubscriptions('^-!');
    }),
  );
});
