import { completionGrid, gridPoint, planPollSchedule, type CompletionGrid, type PollSchedule } from './poll-schedule.js';
import { pollDelayMs, type PollPolicy, type PollStrategy } from './poll-policy.js';
import { turnbullEstimate, type CensoredDuration } from './turnbull-estimate.js';
import { checkDuration, checkInteger, checkObject, describeValue, isPlainObject } from './validation.js';

/**
 * Options of {@link adaptivePolling}.
 *
 * @public
 */
export interface AdaptivePollingOptions {
  /**
   * The detection delay to aim for: `targetQuantile` of operations (half,
   * by default) should be seen ended within `targetDelayMs` of ending, with
   * as few polls as the learned durations allow. The others are seen within
   * the policy's `maxIntervalMs`. Lower it to see completions sooner with
   * more polls. The policy's `intervalMs` stays the floor between polls.
   * @defaultValue 1000
   */
  readonly targetDelayMs?: number;
  /**
   * The share of operations the target is for: 0.5 makes `targetDelayMs` the
   * median detection delay, which lets polls gather where operations are
   * likely to end and thin out elsewhere; 0.9 holds nine in ten to it, at
   * more polls.
   * @defaultValue 0.5
   */
  readonly targetQuantile?: number;
  /** Outcomes seen before a kind's history is trusted; until then the policy's back-off. @defaultValue 8 */
  readonly minSamples?: number;
  /** Outcomes kept per kind (the most recent), bounding memory and following drift. @defaultValue 512 */
  readonly maxSamples?: number;
  /** Kinds remembered at most (least recently used forgotten first). @defaultValue 64 */
  readonly maxKinds?: number;
}

/**
 * What {@link adaptivePolling} has learned, as JSON: per kind, the recent
 * outcomes, each `[lastSeenRunning, firstSeenEnded]` in ms since the `202`
 * (`null` for one never seen to end: cancelled or timed out while running).
 * Export it at shutdown and import it at start so a restarted service keeps
 * its estimates.
 *
 * @public
 */
export interface AdaptivePollingState {
  /** 2: outcomes as intervals. (Version 1 held exact durations; `import` still reads it.) */
  readonly version: 2;
  /** Per kind, the most recent outcomes, oldest first: `[lastSeenRunning, firstSeenEnded | null]`, ms since the `202`. */
  readonly kinds: Readonly<Record<string, readonly (readonly [number, number | null])[]>>;
}

/**
 * The adaptive strategy, with its learned state.
 *
 * @public
 */
export interface AdaptivePolling extends PollStrategy {
  /** The learned outcomes, as JSON. */
  export(): AdaptivePollingState;
  /**
   * Replaces the learned outcomes with exported ones (checked: a malformed
   * state is a TypeError, and nothing changes). A version 1 state (exact
   * durations) is still read, each duration as known exactly.
   */
  import(state: AdaptivePollingState | { readonly version: 1; readonly kinds: Readonly<Record<string, readonly number[]>> }): void;
}

/** New outcomes that make a kind's estimate stale: at first as many as it had (8, 16, 32), then 16, or an eighth of those kept if more. */
const REFIT_EVERY = 16;
/** Grid points a schedule is planned over, about at most (a finer grid costs planning time, not polls). */
const MAX_GRID_POINTS = 1000;
/** Grid points per target delay, at most. */
const POINTS_PER_TARGET = 4;

/**
 * When to poll next, `elapsedMs` after the `202`, for an operation whose
 * polls are `offsetMs` later than its kind's schedule: that schedule's next
 * poll; past its horizon, a back-off from the time spent (longer than what
 * has been seen: this one is slow); without one (too little history), the
 * policy's back-off. Always at least `intervalMs` and at most
 * `maxIntervalMs`; a server's `Retry-After` (clamped) lengthens the wait,
 * never shortens it.
 */
export function adaptiveDelayMs(
  elapsedMs: number,
  attempt: number,
  retryAfterMs: number | undefined,
  schedule: PollSchedule | undefined,
  offsetMs: number,
  policy: PollPolicy,
): number {
  if (!schedule) return pollDelayMs(attempt, retryAfterMs, policy);
  const r = schedule.resolutionMs;
  const at = gridPoint(elapsedMs - offsetMs, r);
  const planned = at < schedule.next.length ? schedule.next[at]! * r + offsetMs - elapsedMs : elapsedMs * (Math.max(1, policy.backoffFactor) - 1);
  let delay = Math.min(policy.maxIntervalMs, Math.max(policy.intervalMs, planned));
  if (retryAfterMs !== undefined) delay = Math.max(delay, Math.min(retryAfterMs, policy.maxRetryAfterMs));
  return Math.round(delay);
}

/** The `n`th operation's offset, as a share of the target delay, from -0.5 to 0.5: a golden-ratio sequence, spread evenly, the first at 0. */
export function planOffset(n: number): number {
  return ((0.5 + n * 0.6180339887498949) % 1) - 0.5;
}

/**
 * How {@link adaptivePolling} learns, for the bench's comparisons:
 * `offsets` is the width, as a share of the target delay, over which
 * operations' polls are moved off the schedule (each by a different amount;
 * 0: none); `explorers`, when above 0, has one operation in that many use
 * the policy's back-off instead of the schedule; `countRunning` has an
 * estimate count the operations still being polled (as lasting longer than
 * they were seen running).
 */
export interface LearningDesign {
  readonly offsets: number;
  readonly explorers: number;
  readonly countRunning: boolean;
}

const KEYS = ['targetDelayMs', 'targetQuantile', 'minSamples', 'maxSamples', 'maxKinds'];

/**
 * Polls scheduled from evidence: per operation kind, the client remembers
 * what recent operations showed of their durations (each only known to lie
 * between the last poll that saw it running and the first that saw it
 * ended), estimates their distribution from those intervals (Turnbull's
 * estimator), and plans the polls that see the target share of operations
 * within the target delay at the fewest polls on average: dense where an
 * operation still running is likely to end soon, sparse elsewhere. Server
 * hints still come first (`Retry-After`, a family's documented interval as
 * the floor). Until a kind has history, and past what its history covers, it
 * backs off as the poll policy says.
 *
 * @example
 * ```ts
 * const polling = adaptivePolling({ targetDelayMs: 1000 });
 * polling.import(JSON.parse(await readFile('polling.json', 'utf8')));  // what the last run learned
 * const graph = createGraphClient({ token, poll: { strategy: polling } });
 * process.on('SIGTERM', () => writeFileSync('polling.json', JSON.stringify(polling.export())));
 * ```
 * @public
 */
export function adaptivePolling(options: AdaptivePollingOptions = {}): AdaptivePolling {
  return createAdaptivePolling(options, { offsets: 1, explorers: 0, countRunning: true });
}

/** {@link adaptivePolling}, with its way of learning given (the bench compares them). */
export function createAdaptivePolling(options: AdaptivePollingOptions, design: LearningDesign): AdaptivePolling {
  checkObject('adaptivePolling options', options, KEYS);
  checkDuration('adaptivePolling targetDelayMs', options.targetDelayMs);
  const quantile = options.targetQuantile ?? 0.5;
  if (typeof quantile !== 'number' || !(quantile > 0 && quantile <= 1)) {
    throw new RangeError(`adaptivePolling targetQuantile must be a share above 0 up to 1, not ${describeValue(quantile)}`);
  }
  checkInteger('adaptivePolling minSamples', options.minSamples, 1, 100_000);
  checkInteger('adaptivePolling maxSamples', options.maxSamples, 1, 100_000);
  checkInteger('adaptivePolling maxKinds', options.maxKinds, 1, 100_000);
  const { targetDelayMs = 1000, minSamples = 8, maxSamples = 512, maxKinds = 64 } = options;
  if (minSamples > maxSamples) throw new RangeError(`adaptivePolling minSamples (${minSamples}) above maxSamples (${maxSamples}) would never learn`);
  interface Kind {
    outcomes: CensoredDuration[];
    fresh: number;
    grid?: CompletionGrid | undefined;
    schedules: Map<string, PollSchedule>;
  }
  const kinds = new Map<string, Kind>();
  // Operations being polled, per kind, with how long each has been seen running: right-censored
  // outcomes, without which an estimate made while long ones are still out would see only the short.
  const live = new Map<string, Set<{ seenRunning: number }>>();
  let plans = 0;
  // The Map's order is recency: a kind used is moved to the end, the first is forgotten first.
  const touch = (name: string) => {
    const kind = kinds.get(name);
    if (kind) {
      kinds.delete(name);
      kinds.set(name, kind);
    }
    return kind;
  };
  // The schedule for a kind under a policy: re-estimated once enough new outcomes came, not per poll.
  const scheduleOf = (name: string, policy: PollPolicy) => {
    const kind = kinds.get(name);
    const count = kind?.outcomes.length ?? 0;
    if (!kind || count < minSamples) return undefined;
    if (kind.schedules.size === 0 || kind.fresh >= Math.min(Math.max(REFIT_EVERY, count / 8), count - kind.fresh)) {
      const running = design.countRunning ? [...(live.get(name) ?? [])].filter((op) => op.seenRunning > 0).map((op) => [op.seenRunning, Infinity] as const) : [];
      const estimate = turnbullEstimate([...kind.outcomes, ...running]);
      let end = 0;
      estimate.support.forEach(([, p], j) => {
        if (Number.isFinite(p) && estimate.mass[j]! > 0) end = Math.max(end, p);
      });
      const r = Math.max(targetDelayMs / POINTS_PER_TARGET, end / MAX_GRID_POINTS);
      kind.grid = end > 0 ? completionGrid(estimate, r, design.offsets * targetDelayMs) : undefined;
      kind.fresh = 0;
      kind.schedules.clear();
      if (!kind.grid) kind.schedules.set('', NO_SCHEDULE); // fitted, to nothing: wait for new outcomes
    }
    if (!kind.grid) return undefined;
    const key = `${policy.intervalMs}/${policy.maxIntervalMs}`;
    let schedule = kind.schedules.get(key);
    if (!schedule) {
      schedule = planPollSchedule(kind.grid, targetDelayMs, quantile, policy.intervalMs, policy.maxIntervalMs, count);
      if (kind.schedules.size >= 4) kind.schedules.clear();
      kind.schedules.set(key, schedule);
    }
    return schedule;
  };
  const record = (name: string, outcome: CensoredDuration) => {
    let kind = touch(name);
    if (!kind) {
      if (kinds.size >= maxKinds) kinds.delete(kinds.keys().next().value!);
      kind = { outcomes: [], fresh: 0, schedules: new Map() };
      kinds.set(name, kind);
    }
    kind.outcomes.push(outcome);
    kind.fresh++;
    if (kind.outcomes.length > maxSamples) kind.outcomes.shift();
  };
  return {
    plan: (name, policy, scheduler) => {
      const acceptedAt = scheduler.now();
      touch(name);
      const n = plans++;
      // Each operation's polls a different share of the target off the schedule: intervals that end at
      // every phase, from which the estimate resolves what one shared set of poll times never would.
      const offset = planOffset(n) * design.offsets * targetDelayMs;
      const explorer = design.explorers > 0 && n % design.explorers === design.explorers - 1;
      const op = { seenRunning: 0 }; // the 202 said it was running
      let pollAt = 0;
      let ended = false;
      const end = () => {
        ended = true;
        const set = live.get(name);
        if (set?.delete(op) && set.size === 0) live.delete(name);
      };
      return {
        delayMs: (attempt, retryAfterMs) => {
          if (attempt === 0 && !ended) {
            const set = live.get(name) ?? new Set();
            if (set.size < maxSamples) live.set(name, set.add(op));
          }
          const elapsed = scheduler.now() - acceptedAt;
          const delay = adaptiveDelayMs(elapsed, attempt, retryAfterMs, explorer ? undefined : scheduleOf(name, policy), offset, policy);
          pollAt = elapsed + delay;
          return delay;
        },
        // Running when that poll was due (a lower bound: it left then or later); ended by the time the answer came.
        answered: (terminal) => {
          if (ended) return;
          if (!terminal) op.seenRunning = pollAt;
          else {
            end();
            record(name, [op.seenRunning, Math.max(pollAt, scheduler.now() - acceptedAt)]);
          }
        },
        // Stopped while running (cancelled, timed out, failed): it lasted longer than the last poll that saw it run.
        stopped: () => {
          if (!ended && op.seenRunning > 0) record(name, [op.seenRunning, Infinity]);
          end();
        },
      };
    },
    export: () => ({
      version: 2,
      kinds: Object.fromEntries([...kinds].map(([name, { outcomes }]) => [name, outcomes.map(([l, r]) => [l, Number.isFinite(r) ? r : null] as const)])),
    }),
    import: (state) => {
      const raw = state as { version?: unknown; kinds?: unknown } | null;
      const time = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
      const read = (v: unknown): CensoredDuration | undefined => {
        if (raw?.version === 1) return time(v) ? [v, v] : undefined;
        if (!Array.isArray(v) || v.length !== 2 || !time(v[0])) return undefined;
        return v[1] === null ? [v[0], Infinity] : time(v[1]) && v[1] >= v[0] ? [v[0], v[1]] : undefined;
      };
      const lists = (raw?.version === 1 || raw?.version === 2) && isPlainObject(raw.kinds) ? Object.entries(raw.kinds).map(([name, list]) => [name, Array.isArray(list) ? list.map(read) : [undefined]] as const) : [['', [undefined]] as const];
      if (lists.some(([, list]) => list.includes(undefined))) {
        throw new TypeError('adaptivePolling.import takes what export() gave: { version: 2, kinds: { [kind]: [[lastSeenRunning, firstSeenEnded or null], ...] } }, or a version 1 state');
      }
      kinds.clear();
      for (const [name, list] of lists.slice(-maxKinds)) kinds.set(name, { outcomes: (list as CensoredDuration[]).slice(-maxSamples), fresh: 0, schedules: new Map() });
    },
  };
}

/** A kind fitted to no finite duration (all cancelled while running): the back-off until new outcomes come. */
const NO_SCHEDULE: PollSchedule = { resolutionMs: 1, next: new Int32Array(0), share: 0, polls: 0 };
