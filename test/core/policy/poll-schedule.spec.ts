import { completionGrid, gridPoint, planPollSchedule, type CompletionGrid, type PollSchedule } from '../../../src/core/policy/poll-schedule';
import type { TurnbullEstimate } from '../../../src/core/policy/turnbull-estimate';

const estimate = (support: [number, number][], mass: number[]): TurnbullEstimate => ({ support, mass, iterations: 0 });
const round = (cdf: Float64Array) => [...cdf].map((x) => Math.round(x * 1e6) / 1e6);

describe('completionGrid: an estimate on a grid', () => {
  it.each<[string, TurnbullEstimate, number, number, number, number[]]>([
    // A point at 1 s is in bin (0.5 s, 1 s]: a poll at 1 s sees it.
    ['a point: ended by the poll at it', estimate([[1000, 1000]], [1]), 500, 0, 0, [0, 0, 1, 1]],
    ['an interval: spread evenly over it', estimate([[0, 1000]], [1]), 250, 0, 0, [0, 0.25, 0.5, 0.75, 1, 1]],
    // Offsets ±250 ms: the point becomes (750, 1250].
    ['offsets spread a point over their width', estimate([[1000, 1000]], [1]), 250, 500, 0, [0, 0, 0, 0, 0.5, 1, 1]],
    // ×/÷ 2 on a log scale: (500, 2000], of which a third is by 1 s.
    ['a log-scale spread widens later durations more', estimate([[1000, 1000]], [1]), 500, 0, Math.log(2), [0, 0, 1 / 3, 2 / 3, 1, 1]],
    // Spread to before the 202, mass is seen by the first poll.
    ['mass moved before the 202 counts at the start', estimate([[0, 0]], [1]), 500, 1000, 0, [0, 1, 1]],
    ['never seen to end: short of 1 at the horizon', estimate([[0, 1000], [2000, Infinity]], [0.5, 0.5]), 500, 0, 0, [0, 0.25, 0.5, 0.5]],
  ])('%s', (_name, est, resolutionMs, smoothingMs, logSpread, cdf) => {
    const grid = completionGrid(est, resolutionMs, smoothingMs, logSpread)!;
    expect(grid.resolutionMs).toBe(resolutionMs);
    expect(round(grid.cdf)).toEqual(cdf.map((x) => Math.round(x * 1e6) / 1e6));
  });

  it('no mass at a finite time (all cancelled while running): no grid', () => {
    expect(completionGrid(estimate([[3000, Infinity]], [1]), 500, 0)).toBeUndefined();
    expect(completionGrid(estimate([], []), 500, 0)).toBeUndefined();
  });
});

/** A grid from a distribution function: cdf(k × r). */
const gridOf = (r: number, horizonMs: number, cdf: (t: number) => number): CompletionGrid => ({
  resolutionMs: r,
  cdf: Float64Array.from({ length: Math.round(horizonMs / r) + 1 }, (_, k) => cdf(k * r)),
});
/** The poll times (ms since the 202) of an operation that is never seen ended, up to the horizon. */
const pollTimes = (s: PollSchedule) => {
  const times: number[] = [];
  for (let p = 0; p < s.next.length; p = s.next[p]!) times.push(s.next[p]! * s.resolutionMs);
  return times;
};
const uniform10s = gridOf(1000, 10_000, (t) => t / 10_000);
const twoPoints = gridOf(500, 70_000, (t) => (t >= 2000 ? 0.5 : 0) + (t >= 60_000 ? 0.5 : 0));

describe('planPollSchedule: the fewest polls for the target share within the target delay', () => {
  it.each<[string, CompletionGrid, number, number, number, number, number[], number]>([
    // Everything ends at 4 s: one poll there sees it all, at once.
    ['all at 4 s: one poll at 4 s', gridOf(500, 6000, (t) => (t >= 4000 ? 1 : 0)), 1000, 0.5, 500, 10_000, [4000, 6000], 1],
    // (Quantiles a little under the round share: the planner doubts each window a little, see below.)
    // Uniform over 10 s, half within 1 s: five 1 s windows where a poll is cheapest — the last five,
    // for polls are paid by those still running (1 + .4 + .3 + .2 + .1 = 2).
    ['uniform: the windows where fewest are still running', uniform10s, 1000, 0.49, 100, 10_000, [6000, 7000, 8000, 9000, 10_000], 2],
    // A 3 s cap forces a poll on the way, which may as well see (2 s, 3 s]; then four windows: 1 + .7 + .4 + .2 + .1.
    ['the cap forces polls on the way', uniform10s, 1000, 0.49, 100, 3000, [3000, 6000, 8000, 9000, 10_000], 2.4],
    // The floor keeps polls 2 s apart: five 1 s windows need 2, 4, … 10 (1 + .8 + .6 + .4 + .2).
    ['the floor keeps polls apart', uniform10s, 1000, 0.49, 2000, 10_000, [2000, 4000, 6000, 8000, 10_000], 3],
    ['all within the target: a poll every target', uniform10s, 1000, 0.98, 100, 10_000, [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000], 5.5],
    // Half at 2 s, half at 60 s, 10 s cap: seeing the 60 s half in time (10, 20, … 60: 1 + 5 × .5) is
    // cheaper than the 2 s half (2 s, then six more polls to reach 60 s).
    ['two modes, the median: the cheaper mode', twoPoints, 1000, 0.49, 500, 10_000, [10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000], 3.5],
  ])('%s', (_name, grid, targetDelayMs, quantile, floorMs, capMs, times, polls) => {
    const schedule = planPollSchedule(grid, targetDelayMs, quantile, floorMs, capMs);
    expect(pollTimes(schedule)).toEqual(times);
    expect(schedule.polls).toBeCloseTo(polls, 6);
    expect(schedule.share).toBeGreaterThanOrEqual(quantile - 1e-9);
  });

  it('two modes, three quarters in time: a poll in [2 s, 3 s) for the first, gaps within the cap, one in [60 s, 61 s)', () => {
    const times = pollTimes(planPollSchedule(twoPoints, 1000, 0.75, 500, 10_000));
    expect(times[0]).toBeGreaterThanOrEqual(2000);
    expect(times[0]).toBeLessThan(3000);
    expect(times.some((t) => t >= 60_000 && t < 61_000)).toBe(true);
    times.forEach((t, i) => expect(t - (times[i - 1] ?? 0)).toBeLessThanOrEqual(10_000));
  });

  it('every gap is within the floor and the cap, from any grid point', () => {
    const schedule = planPollSchedule(gridOf(250, 30_000, (t) => 1 - Math.exp(-t / 5000)), 500, 0.5, 750, 4000);
    schedule.next.forEach((t, p) => {
      expect((t - p) * 250).toBeGreaterThanOrEqual(750);
      expect((t - p) * 250).toBeLessThanOrEqual(4000);
    });
  });

  it('a constant hazard (every window as good as another) does not tip it into polling everywhere', () => {
    const schedule = planPollSchedule(gridOf(250, 30_000, (t) => 1 - Math.exp(-t / 5000)), 500, 0.5, 250, 10_000);
    expect(schedule.polls).toBeLessThan(7);
  });

  it('planned from few samples, it sees more than the target share by the estimate itself (each window counts for less)', () => {
    const grid = gridOf(250, 30_000, (t) => 1 - Math.exp(-t / 5000));
    const seenInTime = (s: PollSchedule) => {
      let share = 0;
      for (let p = 0; p < s.next.length; p = s.next[p]!) share += grid.cdf[Math.min(s.next[p]!, 120)]! - grid.cdf[Math.max(p, s.next[p]! - 2)]!;
      return share;
    };
    const sure = seenInTime(planPollSchedule(grid, 500, 0.5, 250, 10_000));
    expect(sure).toBeGreaterThanOrEqual(0.5);
    expect(sure).toBeLessThan(0.52);
    expect(seenInTime(planPollSchedule(grid, 500, 0.5, 250, 10_000, 100))).toBeGreaterThan(0.55);
  });

  it('of two polls that see the same in time at the same cost, the sooner', () => {
    // Everything ends at 4 s: polls at 4 s and at 4.5 s both see it within 1 s, for one poll each.
    expect(pollTimes(planPollSchedule(gridOf(500, 6000, (t) => (t >= 4000 ? 1 : 0)), 1000, 0.5, 500, 10_000))[0]).toBe(4000);
  });
});

describe('gridPoint: where an operation stands on the grid', () => {
  it.each([
    [0, 500, 0],
    [1000, 500, 2],
    [999.6, 500, 2], // a timer rounded: the point it was meant for
    [1001, 500, 2],
    [1300, 500, 2], // between points: the one before
    [-200, 500, 0], // before the schedule (an offset): its start
  ])('gridPoint(%p, %p) = %p', (elapsed, r, expected) => expect(gridPoint(elapsed, r)).toBe(expected));
});
