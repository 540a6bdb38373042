import fc from 'fast-check';
import { turnbullEstimate, type CensoredDuration } from '../../src/core/policy/turnbull-estimate';
import { completionGrid, planPollSchedule } from '../../src/core/policy/poll-schedule';
import { adaptiveDelayMs, adaptivePolling } from '../../src/core/policy/poll-strategy';
import { DEFAULT_POLL_POLICY } from '../../src/core/policy/poll-policy';

/** What polls can show of durations: exact, an interval, or never seen to end. */
const outcome: fc.Arbitrary<CensoredDuration> = fc.oneof(
  fc.integer({ min: 0, max: 120_000 }).map((t) => [t, t] as const),
  fc.tuple(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 1, max: 60_000 })).map(([l, w]) => [l, l + w] as const),
  fc.integer({ min: 1, max: 120_000 }).map((l) => [l, Infinity] as const),
);

describe('adaptive polling with hostile histories', () => {
  it('the estimate is a distribution, and each interval it puts mass on lies inside some observation', () => {
    fc.assert(
      fc.property(fc.array(outcome, { minLength: 1, maxLength: 60 }), (observations) => {
        const { support, mass } = turnbullEstimate(observations, 50);
        expect(mass.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        mass.forEach((m) => expect(m).toBeGreaterThanOrEqual(0));
        for (const [q, p] of support) {
          expect(observations.some(([l, r]) => (q === p ? (l === r ? l === q : l < q && q <= r) : l <= q && p <= r))).toBe(true);
        }
      }),
    );
  });

  it('the plan keeps every gap within the floor and the cap, from anywhere, and the delay it gives is within them too', () => {
    fc.assert(
      fc.property(
        fc.array(outcome, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 50, max: 5000 }), // target
        fc.integer({ min: 10, max: 3000 }), // floor
        fc.integer({ min: 1000, max: 60_000 }), // cap
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 200_000 }), // elapsed
        (observations, target, floor, cap, quantile, elapsed) => {
          const grid = completionGrid(turnbullEstimate(observations, 50), Math.max(target / 4, 200), target);
          fc.pre(grid !== undefined && grid.cdf.length <= 2000);
          const schedule = planPollSchedule(grid!, target, quantile, floor, cap, observations.length);
          const r = schedule.resolutionMs;
          schedule.next.forEach((t, p) => {
            expect((t - p) * r).toBeGreaterThanOrEqual(Math.min(floor, cap) - 1e-6);
            expect((t - p) * r).toBeLessThanOrEqual(Math.max(cap, Math.ceil(floor / r) * r) + 1e-6);
          });
          const policy = { ...DEFAULT_POLL_POLICY, intervalMs: floor, maxIntervalMs: cap };
          const delay = adaptiveDelayMs(elapsed, 3, undefined, schedule, 0, policy);
          expect(delay).toBeGreaterThanOrEqual(Math.min(floor, cap));
          expect(delay).toBeLessThanOrEqual(cap);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('import takes any JSON without throwing anything but its TypeError, and a refused state changes nothing', () => {
    const polling = adaptivePolling();
    polling.import({ version: 2, kinds: { kept: [[1000, 2000]] } });
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(1, 2, 3), (kinds, version) => {
        const before = JSON.stringify(polling.export());
        try {
          polling.import({ version, kinds } as never);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
          expect(JSON.stringify(polling.export())).toBe(before);
        }
      }),
    );
  });
});
