import { turnbullEstimate, type CensoredDuration } from '../../../src/core/policy/turnbull-estimate';

const I = Infinity;

describe('turnbullEstimate: the distribution of durations known only as intervals', () => {
  // Each row: observations, the innermost intervals, the masses (by hand: the likelihood's maximum).
  it.each<[string, CensoredDuration[], CensoredDuration[], number[]]>([
    ['nothing observed: nothing estimated', [], [], []],
    ['exact durations: their frequencies', [[1, 1], [2, 2], [2, 2], [3, 3]], [[1, 1], [2, 2], [3, 3]], [0.25, 0.5, 0.25]],
    ['disjoint intervals: half each', [[0, 1], [2, 3]], [[0, 1], [2, 3]], [0.5, 0.5]],
    ['overlapping intervals: all on their overlap', [[0, 2], [1, 3]], [[1, 2]], [1]],
    ['nested intervals: all on the inner one', [[0, 1], [0, 2]], [[0, 1]], [1]],
    // (0,2] holds (1,2]; (1,3] holds both; (2,4] holds (2,3]: L = s1 · 1 · s2, largest at ½, ½.
    ['a chain: L = s1·s2', [[0, 2], [1, 3], [2, 4]], [[1, 2], [2, 3]], [0.5, 0.5]],
    // L = s1² · 1 · s2 with s1 + s2 = 1: s1 = ⅔.
    ['unequal: L = s1²·s2', [[0, 1], [0, 1], [0, 3], [2, 3]], [[0, 1], [2, 3]], [2 / 3, 1 / 3]],
    // (a, x] and (x, b] do not meet at x: two intervals, not a point.
    ['half-open: (0,1] and (1,2] are apart', [[0, 1], [1, 2]], [[0, 1], [1, 2]], [0.5, 0.5]],
    // An exact 1 lies in (0, 1], not in (1, 2].
    ['an exact duration at an interval end', [[1, 1], [0, 1], [1, 2]], [[1, 1], [1, 2]], [2 / 3, 1 / 3]],
    // Kaplan–Meier: 4 at risk at 1 (one ends: S = ¾), 2 at 2 (S = ⅜), 1 at 3 (S = 0): masses ¼, ⅜, ⅜.
    ['exact and right-censored: Kaplan–Meier', [[1, 1], [2, 2], [3, 3], [1.5, I]], [[1, 1], [2, 2], [3, 3]], [0.25, 0.375, 0.375]],
    ['only right-censored: all past the last seen running', [[1, I], [2, I]], [[2, I]], [1]],
    // Past the last end seen, the mass of the censored one stays unplaced: (3, ∞).
    ['right-censored past every end', [[0, 1], [3, I]], [[0, 1], [3, I]], [0.5, 0.5]],
  ])('%s', (_name, observations, support, mass) => {
    const estimate = turnbullEstimate(observations, 20_000, 1e-12);
    expect(estimate.support).toEqual(support);
    expect(estimate.mass).toHaveLength(mass.length);
    estimate.mass.forEach((m, j) => expect(m).toBeCloseTo(mass[j]!, 5));
  });

  it('is deterministic and bounded: the same answer for the same intervals in any order, within maxIterations', () => {
    const observations: CensoredDuration[] = [[0, 4], [1, 3], [2, 6], [3, 5], [0, 2], [5, I], [4, 4]];
    const a = turnbullEstimate(observations, 7);
    const b = turnbullEstimate([...observations].reverse(), 7);
    expect(a.iterations).toBe(7);
    expect(b.support).toEqual(a.support);
    b.mass.forEach((m, j) => expect(m).toBeCloseTo(a.mass[j]!, 12)); // summed in another order
    expect(turnbullEstimate(observations, 7)).toEqual(a);
    expect(a.mass.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });

  it('many intervals from polls a second apart: the masses sum to 1 and match the durations they came from', () => {
    // Durations 2.3 s, 2.7 s, 4.1 s seen by polls every second, each offset differently: the intervals pin them down.
    const observations: CensoredDuration[] = [];
    for (const duration of [2300, 2700, 4100]) {
      for (let offset = 0; offset < 1000; offset += 100) {
        const seenEnded = Math.ceil((duration - offset) / 1000) * 1000 + offset;
        observations.push([seenEnded - 1000, seenEnded]);
      }
    }
    const estimate = turnbullEstimate(observations, 5000, 1e-12);
    const massIn = (from: number, to: number) => estimate.support.reduce((sum, [q, p], j) => (q >= from && p <= to ? sum + estimate.mass[j]! : sum), 0);
    expect(massIn(2200, 2300)).toBeCloseTo(1 / 3, 3);
    expect(massIn(2600, 2700)).toBeCloseTo(1 / 3, 3);
    expect(massIn(4000, 4100)).toBeCloseTo(1 / 3, 3);
  });
});
