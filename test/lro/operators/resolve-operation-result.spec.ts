import { marbles } from 'rxjs-marbles/jest';
import { resolveOperationResult } from '../../../src/lro/operators/resolve-operation-result';

interface S {
  status: string;
  pct?: number;
}

describe('resolveOperationResult', () => {
  it(
    'emits a status event per status and the fetched result after the succeeded one',
    marbles((m) => {
      const source = m.cold('a-b|', { a: { status: 'running', pct: 40 }, b: { status: 'succeeded' } });
      const fetched = m.cold('---(r|)', { r: { id: 'session-1' } });
      const result = source.pipe(
        resolveOperationResult<S, { id: string }>({
          describe: (s) => (s.pct === undefined ? { status: s.status } : { status: s.status, percentageComplete: s.pct }),
          isSucceeded: (s) => s.status === 'succeeded',
          fetchResult: () => fetched,
        }),
      );
      m.expect(result).toBeObservable('a-b--(r|)', {
        a: { type: 'status', status: 'running', percentageComplete: 40 },
        b: { type: 'status', status: 'succeeded' },
        r: { type: 'succeeded', result: { id: 'session-1' } },
      });
      m.expect(fetched).toHaveSubscriptions('--^--!');
    }),
  );

  it(
    'propagates a failure to fetch the result',
    marbles((m) => {
      const error = new Error('404');
      const result = m.cold('a|', { a: { status: 'succeeded' } }).pipe(
        resolveOperationResult<S, never>({ describe: (s) => ({ status: s.status }), isSucceeded: () => true, fetchResult: () => m.cold('-#', undefined, error) }),
      );
      m.expect(result).toBeObservable('a#', { a: { type: 'status', status: 'succeeded' } }, error);
    }),
  );
});
