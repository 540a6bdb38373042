import { marbles } from 'rxjs-marbles/jest';
import { operationEvents } from '../../../src/lro/operators/operation-events';

interface S {
  status: string;
  pct?: number;
}

const config = <T>(fetchResult: () => import('rxjs').Observable<T>, error: Error = new Error('failed')) => ({
  describe: (s: S) => (s.pct === undefined ? { status: s.status } : { status: s.status, percentageComplete: s.pct }),
  isSucceeded: (s: S) => s.status === 'succeeded',
  isFailed: (s: S) => s.status === 'failed',
  toError: () => error,
  fetchResult,
});

describe('operationEvents', () => {
  it(
    'a status event per status, then the fetched result after the succeeded one',
    marbles((m) => {
      const source = m.cold('a-b|', { a: { status: 'running', pct: 40 }, b: { status: 'succeeded' } });
      const fetched = m.cold('---(r|)', { r: { id: 'session-1' } });
      m.expect(source.pipe(operationEvents(config(() => fetched)))).toBeObservable('a-b--(r|)', {
        a: { type: 'status', status: 'running', percentageComplete: 40 },
        b: { type: 'status', status: 'succeeded' },
        r: { type: 'succeeded', result: { id: 'session-1' } },
      });
      m.expect(source).toHaveSubscriptions('^--!');
      m.expect(fetched).toHaveSubscriptions('--^--!');
    }),
  );

  it(
    'the failed status is emitted, then the error built from it; nothing after',
    marbles((m) => {
      const error = new Error('failed: GenericFileOpenError');
      const source = m.cold('a-f-c|', { a: { status: 'running' }, f: { status: 'failed' }, c: { status: 'never' } });
      m.expect(source.pipe(operationEvents(config(() => m.cold('|'), error)))).toBeObservable(
        'a-(f#)',
        { a: { type: 'status', status: 'running' }, f: { type: 'status', status: 'failed' } },
        error,
      );
      m.expect(source).toHaveSubscriptions('^-!');
    }),
  );

  it(
    'statuses that arrive while the result is fetched wait their turn, in order',
    marbles((m) => {
      const source = m.cold('s-x|', { s: { status: 'succeeded' }, x: { status: 'extra' } });
      const fetched = m.cold('----(r|)', { r: 1 });
      m.expect(source.pipe(operationEvents(config(() => fetched)))).toBeObservable('s---(rx|)', {
        s: { type: 'status', status: 'succeeded' },
        r: { type: 'succeeded', result: 1 },
        x: { type: 'status', status: 'extra' },
      });
      m.expect(fetched).toHaveSubscriptions('^---!');
    }),
  );

  it(
    'a failure to fetch the result is the error; unsubscribing early cancels the fetch',
    marbles((m) => {
      const error = new Error('404');
      const failing = m.cold('-#', undefined, error);
      m.expect(m.cold('a|', { a: { status: 'succeeded' } }).pipe(operationEvents(config(() => failing)))).toBeObservable('a#', { a: { type: 'status', status: 'succeeded' } }, error);
      const slow = m.cold('-----r|', { r: 1 });
      const source = m.cold('a|', { a: { status: 'succeeded' } });
      m.expect(source.pipe(operationEvents(config(() => slow))), '^--!').toBeObservable('a--', { a: { type: 'status', status: 'succeeded' } });
      m.expect(slow).toHaveSubscriptions('^--!');
    }),
  );

  it(
    'an exception in a config function reaches the subscriber, after which nothing more is read',
    marbles((m) => {
      const boom = new Error('describe failed');
      const source = m.cold('a-b|', { a: { status: 'running' }, b: { status: 'running' } });
      const throwing = { ...config(() => m.cold('|')), describe: () => { throw boom; } };
      m.expect(source.pipe(operationEvents(throwing))).toBeObservable('#', undefined, boom);
      m.expect(source).toHaveSubscriptions('(^!)');
    }),
  );
});
