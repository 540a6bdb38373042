import type { TurnbullEstimate } from './turnbull-estimate.js';

/**
 * A duration distribution on a grid: `cdf[k]` is the share of operations
 * ended by `k × resolutionMs` after their `202`. The last point is the
 * horizon; what `cdf` lacks of 1 there ends later (or was never seen to).
 */
export interface CompletionGrid {
  readonly resolutionMs: number;
  readonly cdf: Float64Array;
}

/** How far (on a log scale) a learned duration is widened before planning: ×/÷ e^0.1, about 10%. */
const LOG_SPREAD = 0.1;
/** Standard errors a window's estimated share is lowered by before the plan counts on it. */
const PESSIMISM = 0.5;

/**
 * A Turnbull estimate on a grid of `resolutionMs`: each interval's mass
 * spread evenly over it (the data cannot place it within), widened by
 * `logSpread` on a log scale (a duration known to be near 5 s is as likely
 * a little less or more; an estimate from a hundred intervals has spikes
 * that are noise) and by `smoothingMs` (the distribution of the duration
 * less a plan's offset, when each operation's polls are offset by a share
 * of `smoothingMs`). Undefined when no mass ends at a finite time.
 */
export function completionGrid(estimate: TurnbullEstimate, resolutionMs: number, smoothingMs: number, logSpread = LOG_SPREAD): CompletionGrid | undefined {
  const r = resolutionMs;
  const wide = Math.exp(logSpread);
  let end = -1;
  estimate.support.forEach(([, p], j) => {
    if (Number.isFinite(p) && estimate.mass[j]! > 0) end = Math.max(end, p * wide + smoothingMs / 2);
  });
  if (end < 0) return undefined;
  const bins = new Float64Array(Math.ceil(end / r) + 1);
  const full = new Float64Array(bins.length + 1);
  // Bin k holds the durations in (k r, (k + 1) r]: a poll at (k + 1) r sees them ended.
  estimate.support.forEach(([q, p], j) => {
    const w = estimate.mass[j]!;
    if (!Number.isFinite(p) || w <= 0) return;
    // Mass moved before the 202 is seen by the first poll, as if it had ended at once.
    const lo = Math.max(0, q / wide - smoothingMs / 2);
    const hi = p * wide + smoothingMs / 2;
    const first = Math.max(0, Math.ceil(lo / r) - 1);
    const last = Math.max(0, Math.ceil(hi / r) - 1);
    if (first === last || hi - lo < 1e-9) {
      bins[last] = bins[last]! + w;
      return;
    }
    const density = w / (hi - lo);
    bins[first] = bins[first]! + density * ((first + 1) * r - lo);
    bins[last] = bins[last]! + density * (hi - last * r);
    full[first + 1] = full[first + 1]! + density * r;
    full[last] = full[last]! - density * r;
  });
  const cdf = new Float64Array(bins.length + 1);
  let run = 0;
  bins.forEach((w, k) => {
    run += full[k]!;
    cdf[k + 1] = cdf[k]! + w + run;
  });
  return { resolutionMs: r, cdf };
}

/**
 * The polls of one kind of operation: `next[k]` is the grid point of the
 * next poll after one at grid point `k` (`k × resolutionMs` since the
 * `202`), for every `k` short of the horizon (`next.length - 1`).
 */
export interface PollSchedule {
  readonly resolutionMs: number;
  readonly next: Int32Array;
  /** Planned share of operations seen within the target delay. */
  readonly share: number;
  /** Planned polls per operation up to the horizon. */
  readonly polls: number;
}

/**
 * The schedule that needs the fewest polls, on average, for `quantile` of
 * operations to be seen within `targetDelayMs` of ending, with polls at
 * least `floorMs` and at most `capMs` apart.
 *
 * A poll at `t` after one at `p` costs the share still running at `p`
 * (`1 − F(p)`), and sees within the target those that ended in
 * `(max(p, t − target), t]`: so it pays where the hazard — ending soon, for
 * one still running — is high. Minimising polls − λ × share seen in time is
 * a shortest path over the grid (each poll depends only on the one before,
 * so the same table answers for an operation still running at any time);
 * λ is the smallest that meets `quantile` (bisection). Polls that are not
 * needed for the target are as far apart as `capMs` allows.
 *
 * With `samples` (how many outcomes the estimate is from), each window's
 * share counts for `PESSIMISM` standard errors less (`√(c(1 − c)/n)`): an
 * optimiser picks the windows whose estimate is too high by chance, and
 * the narrow ones far in the tail, cheap because few operations last that
 * long, are the noisiest. Without it, schedules planned for half the
 * operations saw far fewer in time.
 */
export function planPollSchedule(grid: CompletionGrid, targetDelayMs: number, quantile: number, floorMs: number, capMs: number, samples = Infinity): PollSchedule {
  // Never quite sure: where every window is as good as any other (a constant hazard), the bisection on λ
  // would tip from no polls to polls everywhere; a little doubt prefers the bigger windows first.
  const kappa = PESSIMISM / Math.sqrt(Math.min(samples, 10_000));
  const sure = (c: number) => Math.max(0, c - kappa * Math.sqrt(c * (1 - c)));
  const { cdf, resolutionMs: r } = grid;
  const horizon = cdf.length - 1;
  const within = Math.max(1, Math.round(targetDelayMs / r));
  const shortest = Math.max(1, Math.ceil(floorMs / r - 1e-9));
  const longest = Math.max(shortest, Math.floor(capMs / r + 1e-9));
  let next = new Int32Array(horizon);
  let spare = new Int32Array(horizon);
  const cost = new Float64Array(horizon + 1);
  // Σ k × mass of bin k, below each point: how late a poll sees what it sees, to break ties between polls
  // that cost the same and see as much in time (the sooner one then).
  const moment = new Float64Array(horizon + 1);
  for (let k = 0; k < horizon; k++) moment[k + 1] = moment[k]! + k * (cdf[k + 1]! - cdf[k]!);
  const solve = (lambda: number) => {
    cost[horizon] = 1 - cdf[horizon]!;
    for (let p = horizon - 1; p >= 0; p--) {
      let best = Infinity;
      let at = horizon;
      // Past the horizon (a floor longer than what is left), nothing more ends: the horizon's values.
      for (let t = p + shortest, last = Math.min(p + longest, Math.max(horizon, t)); t <= last; t++) {
        const k = Math.min(t, horizon);
        const lateness = k * (cdf[k]! - cdf[p]!) - (moment[k]! - moment[p]!);
        const c = cost[k]! - lambda * sure(cdf[k]! - cdf[Math.max(p, Math.min(t - within, horizon))]!) + 1e-9 * lateness;
        // Ties go to the later poll: as good by the estimate, and cheaper if it is wrong.
        if (c <= best) {
          best = c;
          at = t;
        }
      }
      cost[p] = 1 - cdf[p]! + best;
      spare[p] = at;
    }
    let polls = 0;
    let share = 0;
    for (let p = 0; p < horizon; p = spare[p]!) {
      const t = spare[p]!;
      polls += 1 - cdf[p]!;
      share += sure(cdf[Math.min(t, horizon)]! - cdf[Math.max(p, Math.min(t - within, horizon))]!);
    }
    return { polls, share };
  };
  // The share seen in time grows with λ: bisect on its logarithm for the smallest that meets the quantile.
  let low = -6;
  let high = 12;
  let plan = solve(Math.exp(high));
  [next, spare] = [spare, next];
  for (let i = 0; i < 14 && plan.share >= quantile; i++) {
    const mid = (low + high) / 2;
    const tried = solve(Math.exp(mid));
    if (tried.share >= quantile) {
      high = mid;
      plan = tried;
      [next, spare] = [spare, next];
    } else low = mid;
  }
  return { resolutionMs: r, next, ...plan };
}

/** The grid point an operation last polled `elapsedMs` after its `202` is at: the nearest within 1 ms (timers round), else the one before. */
export function gridPoint(elapsedMs: number, resolutionMs: number): number {
  const nearest = Math.round(elapsedMs / resolutionMs);
  return Math.max(0, Math.abs(nearest * resolutionMs - elapsedMs) <= 1 ? nearest : Math.floor(elapsedMs / resolutionMs));
}
