import { of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createGraphClient } from '../../../src/client';
import { graphAccepted, graphJson, marbleTransport } from '../../../src/testing';
import { adaptiveDelayMs, adaptivePolling, planOffset, type AdaptivePollingOptions } from '../../../src/core/policy/poll-strategy';
import { DEFAULT_POLL_POLICY, type PollPlan, type PollStrategy } from '../../../src/core/policy/poll-policy';
import type { PollSchedule } from '../../../src/core/policy/poll-schedule';
import { accepted, json } from '../../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../../helpers/virtual-client';

const policy = { ...DEFAULT_POLL_POLICY, intervalMs: 500 };

describe('adaptivePolling options: checked like every other option', () => {
  const KNOWN = /\(known: targetDelayMs, targetQuantile, minSamples, maxSamples, maxKinds\)/;
  it.each<[string, unknown, ErrorConstructor, RegExp]>([
    ['an unknown key (issue 21, 9a)', { target: 500 }, TypeError, /adaptivePolling options has no option 'target'/],
    ['the unknown key is listed with the known ones', { target: 500 }, TypeError, KNOWN],
    ["the old grid's options are gone", { startQuantile: 0.15 }, TypeError, /no option 'startQuantile'/],
    ['not an object', 'fast', TypeError, /adaptivePolling options must be an object/],
    ['null', null, TypeError, /adaptivePolling options must be an object/],
    ['an array', [500], TypeError, /adaptivePolling options must be an object/],
    ['targetDelayMs as a string', { targetDelayMs: '500' }, RangeError, /adaptivePolling targetDelayMs must be a number of milliseconds above 0/],
    ['targetDelayMs 0', { targetDelayMs: 0 }, RangeError, /targetDelayMs/],
    ['targetDelayMs past a timer', { targetDelayMs: 2 ** 31 }, RangeError, /targetDelayMs .* up to 2147483647/],
    ['targetDelayMs NaN', { targetDelayMs: NaN }, RangeError, /targetDelayMs/],
    ['targetQuantile 0', { targetQuantile: 0 }, RangeError, /adaptivePolling targetQuantile must be a share above 0 up to 1, not 0/],
    ['targetQuantile above 1', { targetQuantile: 1.5 }, RangeError, /targetQuantile/],
    ['targetQuantile as a string', { targetQuantile: '0.5' }, RangeError, /targetQuantile .* not "0.5"/],
    ['minSamples 0', { minSamples: 0 }, RangeError, /adaptivePolling minSamples must be a whole number from 1/],
    ['minSamples fractional', { minSamples: 2.5 }, RangeError, /minSamples/],
    ['maxSamples 0', { maxSamples: 0 }, RangeError, /maxSamples/],
    ['maxKinds negative', { maxKinds: -1 }, RangeError, /maxKinds/],
    ['more samples needed than kept', { minSamples: 8, maxSamples: 4 }, RangeError, /minSamples \(8\) above maxSamples \(4\) would never learn/],
  ])('%s', (_name, options, type, message) => {
    expect(() => adaptivePolling(options as AdaptivePollingOptions)).toThrow(type);
    expect(() => adaptivePolling(options as AdaptivePollingOptions)).toThrow(message);
  });

  it.each<[string, AdaptivePollingOptions | undefined]>([
    ['none', undefined],
    ['empty', {}],
    ['every option', { targetDelayMs: 500, targetQuantile: 0.9, minSamples: 2, maxSamples: 10, maxKinds: 3 }],
    ['all in time', { targetQuantile: 1 }],
  ])('accepts %s', (_name, options) => expect(() => adaptivePolling(options)).not.toThrow());
});

describe('adaptiveDelayMs: where the next poll goes', () => {
  // Grid of 500 ms; from points 0-5 the next poll is at point 6 (3 s), then every point (500 ms) to 10 (5 s).
  const schedule: PollSchedule = { resolutionMs: 500, next: Int32Array.from([6, 6, 6, 6, 6, 6, 7, 8, 9, 10]), share: 0.5, polls: 2 };
  it.each<[string, number, number, number | undefined, PollSchedule | undefined, number, number]>([
    ['no history: the policy back-off', 0, 0, undefined, undefined, 0, 500],
    ['no history, third poll', 1250, 2, undefined, undefined, 0, 1125],
    ['the first poll where the schedule has it', 0, 0, undefined, schedule, 0, 3000],
    ['the next point of the schedule', 3000, 1, undefined, schedule, 0, 500],
    ['a timer a little early counts as on its point', 2999.6, 1, undefined, schedule, 0, 500],
    ['between points: the next after the one before', 3200, 1, undefined, schedule, 0, 500],
    ['offset by 200 ms: the schedule 200 ms later', 0, 0, undefined, schedule, 200, 3200],
    ['offset: the next point, still offset', 3200, 1, undefined, schedule, 200, 500],
    ['offset by -200 ms', 2800, 1, undefined, schedule, -200, 500],
    ['never closer than intervalMs', 3300, 2, undefined, { ...schedule, next: Int32Array.from([6, 6, 6, 6, 6, 6, 7, 8]) }, 0, 500],
    ['past the horizon: back off from the time spent (x0.5)', 5000, 4, undefined, schedule, 0, 2500],
    ['past the horizon, long ago: the cap', 60_000, 9, undefined, schedule, 0, 10_000],
    ['a longer Retry-After wins', 0, 0, 4000, schedule, 0, 4000],
    ['a shorter Retry-After does not shorten', 0, 0, 10, schedule, 0, 3000],
    ['a huge Retry-After is clamped', 0, 0, 10_000_000, schedule, 0, 120_000],
  ])('%s', (_name, elapsed, attempt, retryAfter, s, offset, expected) => {
    expect(adaptiveDelayMs(elapsed, attempt, retryAfter, s, offset, policy)).toBe(expected);
  });

  it('a schedule gap longer than maxIntervalMs is capped', () => {
    const sparse: PollSchedule = { resolutionMs: 1000, next: Int32Array.from([30, 30]), share: 0.5, polls: 1 };
    expect(adaptiveDelayMs(0, 0, undefined, sparse, 0, policy)).toBe(10_000);
  });
});

describe('planOffset: each operation a different phase', () => {
  it('the first at 0, all within ±½, spread evenly', () => {
    const offsets = Array.from({ length: 100 }, (_, n) => planOffset(n));
    expect(offsets[0]).toBe(0);
    offsets.forEach((o) => expect(Math.abs(o)).toBeLessThanOrEqual(0.5));
    for (let tenth = 0; tenth < 10; tenth++) {
      const inTenth = offsets.filter((o) => o >= tenth / 10 - 0.5 && o < (tenth + 1) / 10 - 0.5).length;
      expect(inTenth).toBeGreaterThanOrEqual(8);
      expect(inTenth).toBeLessThanOrEqual(12);
    }
  });
});

/** A client whose operations each end `durationOf(n)` ms after their 202 (n counts the operations). */
function timedClient(durationOf: (n: number) => number, poll: object) {
  const done = new Map<string, number>();
  let count = 0;
  const { scheduler, graph, transport } = virtualClient(
    (req) => {
      if (req.method === 'POST') {
        const id = `op${count}`;
        done.set(id, scheduler.now() + durationOf(count++));
        return of(accepted(`${ROOT}/ops/${id}`));
      }
      const id = req.url.split('/').pop()!;
      return of(json(200, { status: scheduler.now() >= done.get(id)! ? 'succeeded' : 'running' }));
    },
    { poll },
  );
  const polls = (kind: string, unsubscribeAt?: number, timeoutMs?: number) => {
    const before = transport.log.length;
    runVirtual(scheduler, graph.operation({ kind, request: { method: 'POST', url: '/x' } }, timeoutMs ? { timeoutMs } : {}), unsubscribeAt);
    return transport.log.slice(before).filter((r) => r.method === 'GET').length;
  };
  return { polls };
}

describe('adaptivePolling: learning', () => {
  it('learns a kind from finished operations, then needs fewer polls; other kinds keep the back-off', () => {
    const polling = adaptivePolling({ minSamples: 4 });
    // Every operation ends 4 s after it was accepted; a poll a second until there is history.
    const { polls } = timedClient(() => 4000, { intervalMs: 1000, backoffFactor: 1, strategy: polling });
    expect([polls('k'), polls('k'), polls('k'), polls('k')]).toEqual([4, 4, 4, 4]);
    // Each was seen running at 3 s and ended at 4 s: the interval (3 s, 4 s], not a point.
    expect(polling.export().kinds['k']).toEqual([[3000, 4000], [3000, 4000], [3000, 4000], [3000, 4000]]);
    // Planned from those: polls at 3.25 s and 4.25 s (then 5.25 s), each operation's a different share of
    // the target off (+472, +90, -292, +326 ms): 2 polls, or 3 for the one whose polls came early.
    expect([polls('k'), polls('k'), polls('k'), polls('k')]).toEqual([2, 2, 3, 2]);
    expect(polls('other')).toBe(4);
  });

  it('an operation cancelled while running is remembered as lasting longer than its last running poll (right-censored)', () => {
    const polling = adaptivePolling();
    const { polls } = timedClient(() => 60_000, { intervalMs: 1000, backoffFactor: 1, strategy: polling });
    expect(polls('k', 2500)).toBe(2); // polls at 1 s and 2 s, unsubscribed at 2.5 s
    polls('k', 500); // cancelled before any poll: it showed nothing, and is not kept
    expect(polling.export()).toEqual({ version: 2, kinds: { k: [[2000, null]] } });
  });

  it('an operation timed out while running is right-censored too', () => {
    const polling = adaptivePolling();
    const { polls } = timedClient(() => 60_000, { intervalMs: 1000, backoffFactor: 1, strategy: polling });
    expect(polls('k', undefined, 3500)).toBe(3);
    expect(polling.export()).toEqual({ version: 2, kinds: { k: [[3000, null]] } });
  });
});

describe('adaptivePolling: state', () => {
  it('exports and imports what it learned; a version 1 state is read as exact durations', () => {
    const polling = adaptivePolling({ minSamples: 2 });
    polling.import({ version: 2, kinds: { 'teams.clone': [[30_000, 40_000], [45_000, 50_000], [61_000, null]] } });
    expect(polling.export()).toEqual({ version: 2, kinds: { 'teams.clone': [[30_000, 40_000], [45_000, 50_000], [61_000, null]] } });
    polling.import({ version: 1, kinds: { 'teams.clone': [40_000, 50_000, 60_000] } });
    expect(polling.export()).toEqual({ version: 2, kinds: { 'teams.clone': [[40_000, 40_000], [50_000, 50_000], [60_000, 60_000]] } });
  });

  it.each<[string, unknown]>([
    ['an unknown version', { version: 3, kinds: {} }],
    ['no kinds', { version: 2 }],
    ['kinds not an object', { version: 2, kinds: [] }],
    ['a list that is not one', { version: 2, kinds: { a: 'x' } }],
    ['a negative time', { version: 2, kinds: { a: [[-1, 5]] } }],
    ['ended before last seen running', { version: 2, kinds: { a: [[5, 1]] } }],
    ['a pair of three', { version: 2, kinds: { a: [[1, 2, 3]] } }],
    ['a version 1 duration in a version 2 state', { version: 2, kinds: { a: [4000] } }],
    ['a negative version 1 duration', { version: 1, kinds: { a: [1, -1] } }],
    ['not a state', null],
  ])('refuses %s, and keeps what it had', (_name, state) => {
    const polling = adaptivePolling();
    polling.import({ version: 2, kinds: { kept: [[1000, 2000]] } });
    expect(() => polling.import(state as never)).toThrow(TypeError);
    expect(() => polling.import(state as never)).toThrow(/adaptivePolling.import takes what export\(\) gave/);
    expect(polling.export()).toEqual({ version: 2, kinds: { kept: [[1000, 2000]] } });
  });

  it('memory is bounded: maxSamples per kind (the most recent), maxKinds kinds (the least recently used forgotten)', () => {
    const polling = adaptivePolling({ minSamples: 1, maxSamples: 3, maxKinds: 2 });
    polling.import({ version: 1, kinds: { a: [1, 2, 3, 4, 5], b: [1], c: [2] } });
    expect(polling.export()).toEqual({ version: 2, kinds: { b: [[1, 1]], c: [[2, 2]] } });
    polling.import({ version: 2, kinds: { a: [[0, 1], [1, 2], [2, 3], [3, 4]] } });
    expect(polling.export().kinds['a']).toEqual([[1, 2], [2, 3], [3, 4]]);
  });

  it('a kind learned is forgotten last when it is used: the least recently used goes first', () => {
    const polling = adaptivePolling({ maxKinds: 2 });
    polling.import({ version: 1, kinds: { a: [1000], b: [1000] } });
    const { polls } = timedClient(() => 500, { intervalMs: 1000, backoffFactor: 1, strategy: polling });
    polls('a'); // a is now the most recent; a new kind then pushes out b
    polls('c');
    expect(Object.keys(polling.export().kinds).sort()).toEqual(['a', 'c']);
  });

  it('a strategy that is not one is refused when the client is made', () => {
    expect(() => virtualClient(() => of(json(200, {})), { poll: { strategy: {} as never } })).toThrow(/poll.strategy must be a poll strategy/);
  });
});

/** Wraps a strategy to record, per operation, the delays its plan gave and when it was asked. */
function spied(strategy: PollStrategy) {
  const asked: { at: number; delay: number }[] = [];
  const stopped: number[] = [];
  const spy: PollStrategy = {
    plan: (kind, p, scheduler) => {
      const plan = strategy.plan(kind, p, scheduler);
      const wrapped: PollPlan = {
        delayMs: (attempt, retryAfterMs) => {
          const delay = plan.delayMs(attempt, retryAfterMs);
          asked.push({ at: scheduler.now(), delay });
          return delay;
        },
        answered: (terminal) => plan.answered(terminal),
        stopped: () => {
          stopped.push(scheduler.now());
          plan.stopped?.();
        },
      };
      return wrapped;
    },
  };
  return { spy, asked, stopped };
}

describe('adaptivePolling in marbles: the polls land where the plan says', () => {
  it('with a history of operations ending in (3.5 s, 4 s], it polls at 4 s and 5 s after the 202, whatever the answers take', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const polling = adaptivePolling();
      polling.import({ version: 2, kinds: { report: Array(16).fill([3500, 4000]) } });
      const { spy, asked, stopped } = spied(polling);
      const transport = marbleTransport(scheduler, cold, {
        'POST /reports': [{ marble: '-(a|)', values: { a: graphAccepted(`${ROOT}/ops/1`) } }],
        'GET /ops/1': [
          { marble: '-(r|)', values: { r: graphJson({ status: 'running' }) } },
          { marble: '-(s|)', values: { s: graphJson({ status: 'succeeded' }) } },
        ],
      });
      const graph = createGraphClient({ token: 't', transport, scheduler, poll: { intervalMs: 250, strategy: spy } });
      // The schedule from that history (16 outcomes, a 1 s target, offsets ±0.5 s, ×/÷1.1): polls at 4 s and
      // 5 s after the 202, which came at 1. Answered at 4002, the plan waits 999 ms, not 1000: on time at 5001.
      expectObservable(graph.operation({ kind: 'report', request: { method: 'POST', url: '/reports' } }), '^ 30s !').toBe('-a 4000ms b 999ms (cd|)', {
        a: expect.objectContaining({ type: 'accepted' }),
        b: { type: 'status', status: 'running' },
        c: { type: 'status', status: 'succeeded' },
        d: { type: 'succeeded', result: { status: 'succeeded' } },
      });
      scheduler.flush();
      const gets = transport.requests.filter((r) => r.method === 'GET').map((r) => r.at);
      expect(gets).toEqual([4001, 5001]);
      // Each left exactly when its plan said, counted from when the plan was asked.
      expect(asked.map((a) => a.at + a.delay)).toEqual(gets);
      expect(stopped).toEqual([]); // it ended with a terminal status
    });
  });

  it('unsubscribed while polling: the plan is told it stopped, once; its outcome is right-censored at its last running poll', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const polling = adaptivePolling();
      const { spy, stopped } = spied(polling);
      const running = { marble: '-(r|)', values: { r: graphJson({ status: 'running' }) } };
      const transport = marbleTransport(scheduler, cold, {
        'POST /reports': [{ marble: '-(a|)', values: { a: graphAccepted(`${ROOT}/ops/1`) } }],
        'GET /ops/1': [running, running, running],
      });
      const graph = createGraphClient({ token: 't', transport, scheduler, poll: { intervalMs: 1000, backoffFactor: 1, strategy: spy } });
      // No history: the back-off, a poll a second from the 202 at 1 (answers 1 ms later): 1001, 2002.
      expectObservable(graph.operation({ kind: 'report', request: { method: 'POST', url: '/reports' } }), '^ 2500ms !').toBe('-a 1000ms b', {
        a: expect.objectContaining({ type: 'accepted' }),
        b: { type: 'status', status: 'running' },
      });
      scheduler.flush();
      expect(stopped).toEqual([2501]);
      expect(polling.export()).toEqual({ version: 2, kinds: { report: [[2001, null]] } });
    });
  });
});
