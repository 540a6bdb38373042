import { of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createGraphClient } from '../../../src/client';
import { graphAccepted, graphJson, marbleTransport } from '../../../src/testing';
import { adaptiveDelayMs, adaptivePolling, pollGrid, quantileOf } from '../../../src/core/policy/poll-strategy';
import { DEFAULT_POLL_POLICY } from '../../../src/core/policy/poll-policy';
import { accepted, json } from '../../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../../helpers/virtual-client';

const policy = { ...DEFAULT_POLL_POLICY, intervalMs: 500 };

describe('quantileOf', () => {
  it.each([
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4, 5], 0, 1],
    [[1, 2, 3, 4, 5], 1, 5],
    [[10, 20], 0.25, 12.5],
    [[7], 0.9, 7],
  ])('quantileOf(%p, %p) = %p', (sorted, q, expected) => expect(quantileOf(sorted, q)).toBe(expected));
});

describe('pollGrid: the times worth a poll', () => {
  it.each([
    ['every step across a spread of durations', [1000, 2000, 3000, 4000, 5000], 1000, 0, 1, [1000, 2000, 3000, 4000, 5000]],
    ['a wider step, fewer polls', [1000, 2000, 3000, 4000, 5000], 2000, 0, 1, [1000, 3000, 5000]],
    ['two modes: polls at both, none between', [2000, 2100, 2200, 60000, 60500, 61000], 1000, 0, 1, [2000, 3000, 60000, 61000]],
    ['one duration', [4000, 4000, 4000], 1000, 0, 1, [4000]],
    ['from the start quantile to the end one', [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000], 2000, 0.2, 0.8, [2000, 4000, 6000, 8000]],
  ] as const)('%s', (_name, sorted, step, start, end, expected) => {
    expect(pollGrid(sorted, step, start, end)).toEqual(expected);
  });
});

describe('adaptiveDelayMs: where the next poll goes', () => {
  const grid = [3000, 4000, 5000, 6000];
  it.each([
    ['no history: the policy back-off', 0, 0, undefined, undefined, 500],
    ['no history, third poll', 1250, 2, undefined, undefined, 1125],
    ['skips ahead to the first grid point', 0, 0, undefined, grid, 3000],
    ['the next grid point', 3000, 1, undefined, grid, 1000],
    ['between points', 4200, 2, undefined, grid, 800],
    ['never closer than intervalMs', 3900, 2, undefined, grid, 500],
    ['past the grid: back off from the time spent (x0.5), capped', 6000, 4, undefined, grid, 3000],
    ['past the grid, long ago: the cap', 60_000, 9, undefined, grid, 10_000],
    ['a longer Retry-After wins', 0, 0, 4000, grid, 4000],
    ['a shorter Retry-After does not shorten', 0, 0, 10, grid, 3000],
    ['a huge Retry-After is clamped', 0, 0, 10_000_000, grid, 120_000],
  ] as const)('%s', (_name, elapsed, attempt, retryAfter, g, expected) => {
    expect(adaptiveDelayMs(elapsed, attempt, retryAfter, g, policy)).toBe(expected);
  });
});

describe('adaptivePolling', () => {
  it('refuses bad options', () => {
    expect(() => adaptivePolling({ targetDelayMs: 0 })).toThrow(RangeError);
    expect(() => adaptivePolling({ startQuantile: 0.9, endQuantile: 0.5 })).toThrow(RangeError);
    expect(() => adaptivePolling({ minSamples: 0 })).toThrow(RangeError);
  });

  it('learns a kind from finished operations, then polls where they finished; other kinds keep the back-off', () => {
    const polling = adaptivePolling({ minSamples: 4, startQuantile: 0.5, endQuantile: 0.6 });
    // Every operation finishes 4 s after it was accepted.
    const done = new Map<string, number>();
    const { scheduler, graph, transport } = virtualClient(
      (req) => {
        if (req.method === 'POST') {
          const id = `op${transport.log.length}`;
          done.set(id, scheduler.now() + 4000);
          return of(accepted(`${ROOT}/ops/${id}`));
        }
        const id = req.url.split('/').pop()!;
        return of(json(200, { status: scheduler.now() >= done.get(id)! ? 'succeeded' : 'running' }));
      },
      { poll: { intervalMs: 1000, backoffFactor: 1, strategy: polling } },
    );
    const polls = (kind: string) => {
      const before = transport.log.length;
      runVirtual(scheduler, graph.operation({ kind, request: { method: 'POST', url: '/x' } }));
      return transport.log.slice(before).filter((r) => r.method === 'GET').length;
    };
    expect([polls('k'), polls('k'), polls('k'), polls('k')]).toEqual([4, 4, 4, 4]); // learning: a poll a second
    // Each was seen running at 3 s and done at 4 s: the estimate is the midpoint, 3.5 s. So: one poll
    // at 3.5 s (still running), then past the grid, one at 4.5 s. Two polls instead of four.
    expect(polls('k')).toBe(2);
    expect(polls('other')).toBe(4);
    expect(polling.export().kinds['k']).toHaveLength(5);
  });

  it('exports and imports what it learned; a malformed state is refused and changes nothing', () => {
    const polling = adaptivePolling({ minSamples: 2 });
    polling.import({ version: 1, kinds: { 'teams.clone': [40_000, 50_000, 60_000] } });
    expect(polling.export()).toEqual({ version: 1, kinds: { 'teams.clone': [40_000, 50_000, 60_000] } });
    expect(() => polling.import({ version: 2, kinds: {} } as never)).toThrow(TypeError);
    expect(() => polling.import({ version: 1, kinds: { a: [1, -1] } })).toThrow(TypeError);
    expect(() => polling.import({ version: 1, kinds: { a: 'x' } } as never)).toThrow(TypeError);
    expect(polling.export().kinds['teams.clone']).toHaveLength(3);
  });

  it('memory is bounded: maxSamples per kind, maxKinds kinds', () => {
    const polling = adaptivePolling({ maxSamples: 3, maxKinds: 2 });
    polling.import({ version: 1, kinds: { a: [1, 2, 3, 4, 5], b: [1], c: [2] } });
    expect(polling.export()).toEqual({ version: 1, kinds: { b: [1], c: [2] } });
    polling.import({ version: 1, kinds: { a: [1, 2, 3, 4, 5] } });
    expect(polling.export().kinds['a']).toEqual([3, 4, 5]);
  });

  it('a strategy that is not one is refused when the client is made', () => {
    expect(() => virtualClient(() => of(json(200, {})), { poll: { strategy: {} as never } })).toThrow(/poll.strategy must be a poll strategy/);
  });
});

describe('adaptivePolling in marbles', () => {
  it('with a history of 4 s operations, the first poll goes at 4 s; past it, back-off from the time spent', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const polling = adaptivePolling();
      polling.import({ version: 1, kinds: { report: Array(8).fill(4000) } });
      const transport = marbleTransport(scheduler, cold, {
        'POST /reports': [{ marble: '-(a|)', values: { a: graphAccepted(`${ROOT}/ops/1`) } }],
        'GET /ops/1': [
          { marble: '-(r|)', values: { r: graphJson({ status: 'running' }) } },
          { marble: '-(s|)', values: { s: graphJson({ status: 'succeeded' }) } },
        ],
      });
      const graph = createGraphClient({ token: 't', transport, scheduler, poll: { strategy: polling } });
      // Accepted at 1; poll at 4001 (running, answered 4002); past the grid: wait max(1 s, 4001 x 0.5) = 2001 → poll at 6003.
      expectObservable(graph.operation({ kind: 'report', request: { method: 'POST', url: '/reports' } }), '^ 10s !').toBe('-a 4000ms b 2001ms (cd|)', {
        a: expect.objectContaining({ type: 'accepted' }),
        b: { type: 'status', status: 'running' },
        c: { type: 'status', status: 'succeeded' },
        d: { type: 'succeeded', result: { status: 'succeeded' } },
      });
      scheduler.flush();
      expect(transport.requests.map((r) => r.at)).toEqual([0, 4001, 6003]);
    });
  });
});
