import { marbles } from 'rxjs-marbles/jest';
import { throwOnOperationFailure } from '../../../src/lro/operators/throw-on-operation-failure';

describe('throwOnOperationFailure', () => {
  it(
    'emits the failed status, then errors with the error built from it',
    marbles((m) => {
      const source = m.cold('a-b-f-c|', { a: 'notStarted', b: 'running', f: 'failed', c: 'never' });
      const error = new Error('failed: GenericFileOpenError');
      const result = source.pipe(throwOnOperationFailure({ isFailed: (s) => s === 'failed', toError: () => error }));
      m.expect(result).toBeObservable('a-b-(f#)', { a: 'notStarted', b: 'running', f: 'failed' }, error);
      m.expect(source).toHaveSubscriptions('^---!');
    }),
  );

  it(
    'passes everything through when nothing fails',
    marbles((m) => {
      const source = m.cold('a-b|', { a: 'running', b: 'succeeded' });
      m.expect(source.pipe(throwOnOperationFailure({ isFailed: () => false, toError: () => new Error() }))).toBeObservable('a-b|', {
        a: 'running',
        b: 'succeeded',
      });
    }),
  );
});
