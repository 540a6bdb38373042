import { of, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { pollOperationStatus, type PolledStatus } from '../../src/rx/poll-operation-status';
import { DEFAULT_POLL_POLICY, type PollPlan } from '../../src/core/policy/poll-policy';

const steady = { ...DEFAULT_POLL_POLICY, intervalMs: 10, backoffFactor: 1, maxIntervalMs: 100 };
const isTerminal = (s: string) => s === 'succeeded' || s === 'failed';

describe('pollOperationStatus', () => {
  it(
    'polls one request at a time until the terminal status, emitting each status',
    marbles((m) => {
      const answers = ['notStarted', 'running', 'succeeded'];
      const fetches: Observable<PolledStatus<string>>[] = answers.map((status) => m.cold('--(s|)', { s: { status } }));
      let n = 0;
      const result = of({ location: 'https://x/op' }).pipe(
        pollOperationStatus({ fetchStatus: () => fetches[n++]!, isTerminal, policy: steady, scheduler: m.scheduler }),
      );
      // poll at 10 → answer 12; wait 10 → poll 22 → 24; poll 34 → 36, terminal: complete
      m.expect(result).toBeObservable('12ms a 11ms b 11ms (c|)', { a: 'notStarted', b: 'running', c: 'succeeded' });
      m.expect(fetches[0]!).toHaveSubscriptions('10ms ^-!');
      m.expect(fetches[1]!).toHaveSubscriptions('22ms ^-!');
      m.expect(fetches[2]!).toHaveSubscriptions('34ms ^-!');
    }),
  );

  it(
    'backs off by the policy factor up to the cap',
    marbles((m) => {
      const policy = { ...steady, backoffFactor: 2, maxIntervalMs: 30 };
      const fetches: ReturnType<typeof m.cold>[] = [];
      const result = of({ location: 'u' }).pipe(
        pollOperationStatus({
          fetchStatus: () => {
            const fetch = m.cold('(s|)', { s: { status: 'running' } });
            fetches.push(fetch);
            return fetch;
          },
          isTerminal,
          policy,
          scheduler: m.scheduler,
        }),
      );
      // waits 10, 20, 30, 30 …
      m.expect(result, '^ 100ms !').toBeObservable('10ms a 19ms a 29ms a 29ms a', { a: 'running' });
      m.flush();
      expect(fetches).toHaveLength(4);
      m.expect(fetches[3]!).toHaveSubscriptions('90ms (^!)');
    }),
  );

  it(
    "honours the 202's Retry-After before the first poll and each status response's after it",
    marbles((m) => {
      const answers: PolledStatus<string>[] = [{ status: 'running', retryAfterMs: 50 }, { status: 'succeeded' }];
      let n = 0;
      const fetches = answers.map((s) => m.cold('(s|)', { s }));
      const result = of({ location: 'u', retryAfterMs: 30 }).pipe(
        pollOperationStatus({ fetchStatus: () => fetches[n++]!, isTerminal, policy: steady, scheduler: m.scheduler }),
      );
      m.expect(result).toBeObservable('30ms a 49ms (b|)', { a: 'running', b: 'succeeded' });
      m.expect(fetches[0]!).toHaveSubscriptions('30ms (^!)');
      m.expect(fetches[1]!).toHaveSubscriptions('80ms (^!)');
    }),
  );

  it(
    'keeps polling through unknown statuses',
    marbles((m) => {
      const fetches = ['Queued', 'somethingNew', 'failed'].map((status) => m.cold('(s|)', { s: { status } }));
      let n = 0;
      const result = of({ location: 'u' }).pipe(
        pollOperationStatus({ fetchStatus: () => fetches[n++]!, isTerminal, policy: steady, scheduler: m.scheduler }),
      );
      m.expect(result).toBeObservable('10ms a 9ms b 9ms (c|)', { a: 'Queued', b: 'somethingNew', c: 'failed' });
      m.expect(fetches[2]!).toHaveSubscriptions('30ms (^!)');
    }),
  );

  it(
    'cancels the request in flight and every later poll when unsubscribed',
    marbles((m) => {
      const fetch = m.cold('-----(s|)', { s: { status: 'running' } });
      const result = of({ location: 'u' }).pipe(
        pollOperationStatus({ fetchStatus: () => fetch, isTerminal, policy: steady, scheduler: m.scheduler }),
      );
      m.expect(result, '^------------!').toBeObservable('');
      m.expect(fetch).toHaveSubscriptions('10ms ^--!');
    }),
  );

  it(
    'propagates an error of a status request and stops polling',
    marbles((m) => {
      const error = new Error('decode');
      const fetch = m.cold('-#', undefined, error);
      const result = of({ location: 'u' }).pipe(
        pollOperationStatus({ fetchStatus: () => fetch, isTerminal, policy: steady, scheduler: m.scheduler }),
      );
      m.expect(result).toBeObservable('11ms #', undefined, error);
      m.expect(fetch).toHaveSubscriptions('10ms ^!');
    }),
  );

  describe("a plan is told when polling stops without a terminal status (what it learns: the operation outlasted its last running poll)", () => {
    /** A plan at the policy's steady pace that records what it is told, with the virtual time. */
    const recordingPlan = (now: () => number) => {
      const told: string[] = [];
      const plan: PollPlan = {
        delayMs: () => 10,
        answered: (terminal) => told.push(`${terminal ? 'ended' : 'running'}@${now()}`),
        stopped: () => told.push(`stopped@${now()}`),
      };
      return { plan, told };
    };

    it(
      'unsubscribed while waiting for the next poll: stopped, once',
      marbles((m) => {
        const { plan, told } = recordingPlan(() => m.scheduler.now());
        const fetch = m.cold('(s|)', { s: { status: 'running' } });
        const result = of({ location: 'u' }).pipe(pollOperationStatus({ fetchStatus: () => fetch, isTerminal, policy: steady, scheduler: m.scheduler, plan }));
        m.expect(result, '^ 14ms !').toBeObservable('10ms a', { a: 'running' });
        m.expect(fetch).toHaveSubscriptions('10ms (^!)');
        m.flush();
        expect(told).toEqual(['running@10', 'stopped@15']);
      }),
    );

    it(
      'unsubscribed with a request in flight: stopped, and the request cancelled',
      marbles((m) => {
        const { plan, told } = recordingPlan(() => m.scheduler.now());
        const fetch = m.cold('-----(s|)', { s: { status: 'running' } });
        const result = of({ location: 'u' }).pipe(pollOperationStatus({ fetchStatus: () => fetch, isTerminal, policy: steady, scheduler: m.scheduler, plan }));
        m.expect(result, '^ 12ms !').toBeObservable('');
        m.expect(fetch).toHaveSubscriptions('10ms ^--!');
        m.flush();
        expect(told).toEqual(['stopped@13']);
      }),
    );

    it(
      'a status request that fails: stopped',
      marbles((m) => {
        const { plan, told } = recordingPlan(() => m.scheduler.now());
        const error = new Error('decode');
        const fetch = m.cold('-#', undefined, error);
        const result = of({ location: 'u' }).pipe(pollOperationStatus({ fetchStatus: () => fetch, isTerminal, policy: steady, scheduler: m.scheduler, plan }));
        m.expect(result).toBeObservable('11ms #', undefined, error);
        m.flush();
        expect(told).toEqual(['stopped@11']);
      }),
    );

    it(
      'a terminal status: not stopped (the teardown after it completes tells the plan nothing)',
      marbles((m) => {
        const { plan, told } = recordingPlan(() => m.scheduler.now());
        const fetches = ['running', 'succeeded'].map((status) => m.cold('(s|)', { s: { status } }));
        let n = 0;
        const result = of({ location: 'u' }).pipe(pollOperationStatus({ fetchStatus: () => fetches[n++]!, isTerminal, policy: steady, scheduler: m.scheduler, plan }));
        m.expect(result).toBeObservable('10ms a 9ms (b|)', { a: 'running', b: 'succeeded' });
        m.expect(fetches[1]!).toHaveSubscriptions('20ms (^!)');
        m.flush();
        expect(told).toEqual(['running@10', 'ended@20']);
      }),
    );

    it(
      'a plan without the hook (it is optional) still polls and stops',
      marbles((m) => {
        const plan: PollPlan = { delayMs: () => 10, answered: () => {} };
        const fetch = m.cold('(s|)', { s: { status: 'running' } });
        const result = of({ location: 'u' }).pipe(pollOperationStatus({ fetchStatus: () => fetch, isTerminal, policy: steady, scheduler: m.scheduler, plan }));
        m.expect(result, '^ 14ms !').toBeObservable('10ms a', { a: 'running' });
      }),
    );
  });
});
