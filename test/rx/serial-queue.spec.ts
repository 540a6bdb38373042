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

  it('says when it is idle', () => {
    const queue = new SerialQueue();
    expect(queue.idle).toBe(true);
  });
});
