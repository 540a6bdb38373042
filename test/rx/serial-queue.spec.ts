import { NEVER } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { SerialQueue } from '../../src/rx/serial-queue';

describe('SerialQueue', () => {
  it(
    'runs one source at a time, in subscription order',
    marbles((m) => {
      const queue = new SerialQueue();
      const a = m.cold('--a|');
      const b = m.cold('-b|');
      const c = m.cold('c|');
      m.expect(queue.run(a)).toBeObservable('--a|');
      m.expect(queue.run(b)).toBeObservable('----b|');
      m.expect(queue.run(c)).toBeObservable('-----c|');
      m.expect(a).toHaveSubscriptions('^--!');
      m.expect(b).toHaveSubscriptions('---^-!');
      m.expect(c).toHaveSubscriptions('-----^!');
    }),
  );

  it(
    'frees the queue when the running source fails',
    marbles((m) => {
      const queue = new SerialQueue();
      const a = m.cold('-#');
      const b = m.cold('b|');
      m.expect(queue.run(a)).toBeObservable('-#');
      m.expect(queue.run(b)).toBeObservable('-b|');
      m.expect(a).toHaveSubscriptions('^!');
      m.expect(b).toHaveSubscriptions('-^!');
    }),
  );

  it(
    'lets a waiting source leave before its turn, and the running one free the queue when unsubscribed',
    marbles((m) => {
      const queue = new SerialQueue();
      const a = m.cold('-----a|');
      const b = m.cold('b|');
      const c = m.cold('c|');
      m.expect(queue.run(a), '^--!').toBeObservable('---');
      m.expect(queue.run(b), '^-!').toBeObservable('--');
      m.expect(queue.run(c)).toBeObservable('---c|');
      m.expect(a).toHaveSubscriptions('^--!');
      m.expect(b).toHaveSubscriptions([]);
      m.expect(c).toHaveSubscriptions('---^!');
    }),
  );

  it('is idle only when nothing runs or waits, and says so when the last one leaves', () => {
    const queue = new SerialQueue();
    const idled: boolean[] = [];
    const first = queue.run(NEVER, () => idled.push(queue.idle)).subscribe();
    const second = queue.run(NEVER, () => idled.push(queue.idle)).subscribe();
    expect(queue.idle).toBe(false);
    second.unsubscribe(); // leaves while waiting: the first still runs
    expect(queue.idle).toBe(false);
    first.unsubscribe();
    expect(queue.idle).toBe(true);
    expect(idled[idled.length - 1]).toBe(true);
  });
});
