/**
 * What polling shows of one operation's duration (ms since its `202`): it
 * ended after `left` (the last poll that saw it running) and by `right` (the
 * first that saw it ended). `left === right` is a duration known exactly;
 * `right === Infinity` one never seen to end (cancelled or timed out while
 * running): right-censored.
 */
export type CensoredDuration = readonly [left: number, right: number];

/**
 * A distribution of durations from censored observations: `mass[j]` on
 * `support[j]`, the innermost intervals in order. `[x, x]` is the point `x`;
 * `[q, p]` with `q < p` is `(q, p]` (where in it is not identified: the data
 * cannot tell), with `p` possibly `Infinity`.
 */
export interface TurnbullEstimate {
  readonly support: readonly CensoredDuration[];
  readonly mass: readonly number[];
  /** EM iterations run (bounded by `maxIterations`). */
  readonly iterations: number;
}

/**
 * Turnbull's nonparametric maximum-likelihood estimate of a distribution
 * from interval-censored observations (durations only known to lie between
 * two polls), exact ones and right-censored ones: the self-consistency (EM)
 * iteration over the innermost intervals — the stretches between a left
 * endpoint and the next right endpoint, where all the mass of the estimate
 * lies. With exact and right-censored observations only it is Kaplan–Meier.
 * Deterministic; at most `maxIterations` passes, each O(observations +
 * intervals).
 *
 * Why not the midpoint of each interval: with polls seconds apart the
 * midpoints pile up where the polls are, and a schedule planned from them
 * polls just after those piles, while the operations really ended anywhere
 * in between.
 */
export function turnbullEstimate(observations: readonly CensoredDuration[], maxIterations = 300, tolerance = 1e-9): TurnbullEstimate {
  // Endpoints in order; at one value an exact observation's (closed) left first, then rights, then (open) lefts,
  // so that (a, x] and (x, b] do not meet and [x, x] lies in (a, x].
  const n = observations.length;
  const value = new Float64Array(2 * n);
  const rank = new Uint8Array(2 * n);
  observations.forEach(([left, right], i) => {
    value[2 * i] = left;
    rank[2 * i] = left === right ? 0 : 2;
    value[2 * i + 1] = right;
    rank[2 * i + 1] = 1;
  });
  const order = Array.from(value.keys()).sort((a, b) => value[a]! - value[b]! || rank[a]! - rank[b]!);
  const support: CensoredDuration[] = [];
  let open: number | undefined;
  for (const e of order) {
    if (rank[e] !== 1) open = value[e];
    else if (open !== undefined) {
      support.push([open, value[e]!]);
      open = undefined;
    }
  }
  const m = support.length;
  // The first interval at or after a point: binary search over the (ordered, disjoint) innermost intervals.
  const firstFrom = (after: (interval: CensoredDuration) => boolean) => {
    let low = 0;
    let high = m;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (after(support[mid]!)) high = mid;
      else low = mid + 1;
    }
    return low;
  };
  // Each observation holds the run of innermost intervals inside it: from the first that starts in it to the last that ends in it.
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  observations.forEach(([left, right], i) => {
    first[i] = firstFrom(([q, p]) => (q === p && left !== right ? q > left : q >= left));
    last[i] = firstFrom(([, p]) => p > right) - 1;
  });
  const mass = new Array<number>(m).fill(1 / m);
  const prefix = new Float64Array(m + 1);
  const weight = new Float64Array(m + 1);
  let iterations = 0;
  while (iterations < maxIterations && m > 1) {
    iterations++;
    for (let j = 0; j < m; j++) prefix[j + 1] = prefix[j]! + mass[j]!;
    weight.fill(0);
    for (let i = 0; i < n; i++) {
      const share = 1 / (prefix[last[i]! + 1]! - prefix[first[i]!]!);
      weight[first[i]!] = weight[first[i]!]! + share;
      weight[last[i]! + 1] = weight[last[i]! + 1]! - share;
    }
    // Each observation's unit of probability, shared among its intervals in proportion to their mass.
    let change = 0;
    let sum = 0;
    for (let j = 0; j < m; j++) {
      sum += weight[j]!;
      const next = (mass[j]! * sum) / n;
      change = Math.max(change, Math.abs(next - mass[j]!));
      mass[j] = next;
    }
    if (change < tolerance) break;
  }
  return { support, mass, iterations };
}
