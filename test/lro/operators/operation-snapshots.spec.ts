import { marbles } from 'rxjs-marbles/jest';
import { operationSnapshots, type OperationSnapshot } from '../../../src/lro/operators/operation-snapshots';
import type { OperationEvent } from '../../../src/lro/operation-event';

const e: Record<string, OperationEvent<string>> = {
  a: { type: 'accepted', location: 'https://m/1' },
  n: { type: 'status', status: 'notStarted' },
  p: { type: 'status', status: 'inProgress', percentageComplete: 27.8 },
  r: { type: 'status', status: 'running' },
  q: { type: 'status', status: 'inProgress', percentageComplete: 150 },
  s: { type: 'succeeded', result: 'item' },
};

const running = (status: string, percentageComplete?: number): OperationSnapshot<string> => ({ done: false, status, percentageComplete });

describe('operationSnapshots', () => {
  it(
    'one snapshot per event: the status word, the latest percentage carried forward, the result in the last',
    marbles((m) => {
      const source = m.cold('a-n-p-r-s|', e);
      m.expect(source.pipe(operationSnapshots())).toBeObservable('a-n-p-r-s|', {
        a: running('accepted'),
        n: running('notStarted'),
        p: running('inProgress', 27.8),
        // A status without a percentage keeps the last one: a progress bar does not jump back to nothing.
        r: running('running', 27.8),
        s: { done: true, status: 'succeeded', percentageComplete: 27.8, result: 'item' },
      });
      m.expect(source).toHaveSubscriptions('^--------!');
    }),
  );

  it(
    'clamps a percentage outside [0, 100]',
    marbles((m) => {
      const source = m.cold('q-s|', e);
      m.expect(source.pipe(operationSnapshots())).toBeObservable('q-s|', {
        q: running('inProgress', 100),
        s: { done: true, status: 'succeeded', percentageComplete: 100, result: 'item' },
      });
      m.expect(source).toHaveSubscriptions('^--!');
    }),
  );

  it(
    'a failure is the error, after the snapshots before it',
    marbles((m) => {
      const failure = new Error('copy failed');
      const source = m.cold('a-p-#', e, failure);
      m.expect(source.pipe(operationSnapshots())).toBeObservable('a-p-#', { a: running('accepted'), p: running('inProgress', 27.8) }, failure);
      m.expect(source).toHaveSubscriptions('^---!');
    }),
  );

  it(
    'unsubscribing cancels the operation: one subscription for progress and result, one start',
    marbles((m) => {
      const source = m.cold('a-n-p---s|', e);
      m.expect(source.pipe(operationSnapshots()), '^---!').toBeObservable('a-n-', { a: running('accepted'), n: running('notStarted') });
      m.expect(source).toHaveSubscriptions('^---!');
    }),
  );

  it(
    'each subscriber gets its own fresh snapshots (no state shared between subscriptions)',
    marbles((m) => {
      const source = m.cold('p-r|', e);
      const snapshots = source.pipe(operationSnapshots());
      m.expect(snapshots).toBeObservable('p-r|', { p: running('inProgress', 27.8), r: running('running', 27.8) });
      m.expect(snapshots).toBeObservable('p-r|', { p: running('inProgress', 27.8), r: running('running', 27.8) });
      m.expect(source).toHaveSubscriptions(['^--!', '^--!']);
    }),
  );
});
