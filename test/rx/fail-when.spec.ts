import { marbles } from 'rxjs-marbles/jest';
import { throwError } from 'rxjs';
import { failWhen } from '../../src/rx/fail-when';

describe('failWhen', () => {
  it(
    'mirrors the source and unsubscribes the trigger when the source completes',
    marbles((m) => {
      const source = m.cold('a-b|');
      const trigger = m.cold<never>('-----#');
      m.expect(source.pipe(failWhen(trigger))).toBeObservable('a-b|');
      m.expect(source).toHaveSubscriptions('^--!');
      m.expect(trigger).toHaveSubscriptions('^--!');
    }),
  );

  it(
    "errors with the trigger's error, unsubscribing the source",
    marbles((m) => {
      const source = m.cold('a---b|');
      const trigger = m.cold<never>('--#', undefined, new Error('late'));
      m.expect(source.pipe(failWhen(trigger))).toBeObservable('a-#', undefined, new Error('late'));
      m.expect(source).toHaveSubscriptions('^-!');
      m.expect(trigger).toHaveSubscriptions('^-!');
    }),
  );

  it(
    'a trigger that has already fired: the source is never subscribed',
    marbles((m) => {
      const source = m.cold('a|');
      // Synchronously, as an aborted AbortSignal does (a marble's frame-0 error is delivered by the scheduler).
      const trigger = throwError(() => new Error('aborted'));
      m.expect(source.pipe(failWhen(trigger))).toBeObservable('#', undefined, new Error('aborted'));
      m.expect(source).toHaveSubscriptions([]);
    }),
  );

  it(
    "passes the source's error through and unsubscribes the trigger",
    marbles((m) => {
      const source = m.cold('a-#', undefined, new Error('boom'));
      const trigger = m.cold<never>('-----#');
      m.expect(source.pipe(failWhen(trigger))).toBeObservable('a-#', undefined, new Error('boom'));
      m.expect(trigger).toHaveSubscriptions('^-!');
    }),
  );
});
