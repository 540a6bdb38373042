import { marbles } from 'rxjs-marbles/jest';
import { takeUntil } from 'rxjs';
import { result } from '../../../src/lro/operators/result';
import { progress } from '../../../src/lro/operators/progress';
import { OperationCancelledError } from '../../../src/core/errors/operation-cancelled-error';
import { isGraphLroError } from '../../../src/core/errors/is-graph-lro-error';
import type { OperationEvent } from '../../../src/lro/operation-event';

const e: Record<string, OperationEvent<string | undefined>> = {
  a: { type: 'accepted', location: 'https://m/1' },
  n: { type: 'status', status: 'notStarted' },
  p: { type: 'status', status: 'inProgress', percentageComplete: 27.8 },
  q: { type: 'status', status: 'inProgress', percentageComplete: 64 },
  c: { type: 'status', status: 'completed', percentageComplete: 100 },
  s: { type: 'succeeded', result: 'item' },
  u: { type: 'succeeded', result: undefined },
};

describe('result', () => {
  it(
    'emits only the final value',
    marbles((m) => {
      const source = m.cold('a-n-p-s|', e);
      m.expect(source.pipe(result())).toBeObservable('------s|', { s: 'item' });
      m.expect(source).toHaveSubscriptions('^------!');
    }),
  );

  it(
    'emits undefined for an operation without a result (delete tableRow)',
    marbles((m) => {
      const source = m.cold('a-n-u|', e);
      m.expect(source.pipe(result())).toBeObservable('----u|', { u: undefined });
      m.expect(source).toHaveSubscriptions('^----!');
    }),
  );

  it(
    'cancelled upstream (takeUntil) before the result: OperationCancelledError, not a protocol error',
    marbles((m) => {
      const source = m.cold('a-n-p---s|', e);
      const stop = m.cold('-----x');
      const cancelled = source.pipe(takeUntil(stop), result());
      m.expect(cancelled).toBeObservable('-----#', undefined, new OperationCancelledError());
      m.expect(source).toHaveSubscriptions('^----!');
    }),
  );

  it('its cancellation error is recognisable without instanceof', () => {
    expect(isGraphLroError(new OperationCancelledError(), 'OperationCancelledError')).toBe(true);
  });

  it(
    'unsubscribing from result() unsubscribes the operation',
    marbles((m) => {
      const source = m.cold('a-n-p---s|', e);
      m.expect(source.pipe(result()), '^--!').toBeObservable('----');
      m.expect(source).toHaveSubscriptions('^--!');
    }),
  );
});

describe('progress', () => {
  it(
    'emits the percentages the server reported, each once, nothing invented',
    marbles((m) => {
      const source = m.cold('a-n-p-p-q-c-s|', e);
      m.expect(source.pipe(progress())).toBeObservable('----p---q-c--|', { p: 27.8, q: 64, c: 100 });
      m.expect(source).toHaveSubscriptions('^------------!');
    }),
  );

  it(
    'clamps values outside [0, 100] so a progress bar cannot overflow',
    marbles((m) => {
      const odd: Record<string, OperationEvent<string>> = {
        n: { type: 'status', status: 'inProgress', percentageComplete: -5 },
        h: { type: 'status', status: 'inProgress', percentageComplete: 150 },
      };
      const source = m.cold('n-h|', odd);
      m.expect(source.pipe(progress())).toBeObservable('n-h|', { n: 0, h: 100 });
      m.expect(source).toHaveSubscriptions('^--!');
    }),
  );

  it(
    'passes an error through and unsubscribes',
    marbles((m) => {
      const failure = new Error('failed');
      const source = m.cold('p-#', e, failure);
      m.expect(source.pipe(progress())).toBeObservable('p-#', { p: 27.8 }, failure);
      m.expect(source).toHaveSubscriptions('^-!');
    }),
  );
});
