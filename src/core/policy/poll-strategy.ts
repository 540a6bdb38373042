import { pollDelayMs, type PollPolicy, type PollStrategy } from './poll-policy.js';

/**
 * Options of {@link adaptivePolling}.
 *
 * @public
 */
export interface AdaptivePollingOptions {
  /**
   * The detection delay to aim for: where this kind's operations have
   * finished before, polls are `2 × targetDelayMs` apart (so one that ends
   * there is seen about `targetDelayMs` later, half of them sooner); where
   * none have, no poll is spent. Lower it to see completions sooner with
   * more polls. The policy's `intervalMs` stays the floor between polls.
   * @defaultValue 1000
   */
  readonly targetDelayMs?: number;
  /** The earliest share of past durations not worth a poll: the first poll goes where this quantile fell. @defaultValue 0.15 */
  readonly startQuantile?: number;
  /** Past this quantile of past durations the estimate is wrong for this one: back-off from the time spent. @defaultValue 0.95 */
  readonly endQuantile?: number;
  /** Durations seen before a kind's history is trusted; until then the policy's back-off. @defaultValue 8 */
  readonly minSamples?: number;
  /** Durations kept per kind (the most recent), bounding memory and following drift. @defaultValue 128 */
  readonly maxSamples?: number;
  /** Kinds remembered at most (least recently used forgotten first). @defaultValue 64 */
  readonly maxKinds?: number;
}

/**
 * What {@link adaptivePolling} has learned, as JSON: per kind, recent
 * durations in ms. Export it at shutdown and import it at start so a
 * restarted service keeps its estimates.
 *
 * @public
 */
export interface AdaptivePollingState {
  /** The format's version: `1`. A state of another version is refused by `import`. */
  readonly version: 1;
  /** The durations learned, in milliseconds, per operation kind (the handle's `kind`). */
  readonly kinds: Readonly<Record<string, readonly number[]>>;
}

/**
 * The adaptive strategy, with its learned state.
 *
 * @public
 */
export interface AdaptivePolling extends PollStrategy {
  /** The learned durations, as JSON. */
  export(): AdaptivePollingState;
  /** Replaces the learned durations with exported ones (checked: a malformed state is a TypeError, and nothing changes). */
  import(state: AdaptivePollingState): void;
}


/** The `q` quantile of sorted samples, interpolated. */
export function quantileOf(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/**
 * The times (since `202`) worth a poll, from sorted past durations: from
 * the `start` quantile to the `end` one, every `step` ms where operations
 * have ended before, jumping over stretches where none has (a bimodal kind
 * gets polls at both modes and none between).
 */
export function pollGrid(sorted: readonly number[], step: number, start: number, end: number): number[] {
  const first = quantileOf(sorted, start);
  const last = quantileOf(sorted, end);
  const grid = [first];
  let i = 0;
  for (let t = first; t < last; ) {
    while (i < sorted.length && sorted[i]! <= t) i++;
    if (i >= sorted.length) break;
    // The next poll a step on, or, if nothing ended within that step, where the next one did.
    t = sorted[i]! <= t + step ? t + step : sorted[i]!;
    grid.push(Math.min(t, Math.max(last, first)));
    if (t >= last) break;
  }
  return grid;
}

/**
 * When to poll next, from what this kind of operation took before: the next
 * point of its poll grid after `elapsedMs`, but never sooner than the
 * policy's `intervalMs`; past the grid, back off geometrically from the
 * time already spent (the estimate was wrong: this one is slow). Without
 * enough history, the policy's own back-off. A server's `Retry-After`
 * (clamped) lengthens the wait, never shortens it.
 */
export function adaptiveDelayMs(
  elapsedMs: number,
  attempt: number,
  retryAfterMs: number | undefined,
  grid: readonly number[] | undefined,
  policy: PollPolicy,
): number {
  if (!grid) return pollDelayMs(attempt, retryAfterMs, policy);
  const floor = policy.intervalMs;
  const next = grid.find((t) => t > elapsedMs);
  let delay: number;
  if (next !== undefined) delay = Math.max(floor, next - elapsedMs);
  else delay = Math.min(policy.maxIntervalMs, Math.max(floor, elapsedMs * (Math.max(1, policy.backoffFactor) - 1)));
  if (retryAfterMs !== undefined) delay = Math.max(delay, Math.min(retryAfterMs, policy.maxRetryAfterMs));
  return Math.round(delay);
}

/**
 * Polls scheduled from evidence: per operation kind, the client remembers
 * how long recent operations took (bounded) and polls where completion is
 * likely — at quantiles of those durations — rather than on a fixed
 * back-off. Server hints still come first (`Retry-After`, a family's
 * documented interval as the floor). Until a kind has history, and past
 * what its history predicts, it backs off as the poll policy says.
 *
 * @example
 * ```ts
 * const polling = adaptivePolling();
 * polling.import(JSON.parse(await readFile('polling.json', 'utf8')));  // what the last run learned
 * const graph = createGraphClient({ token, poll: { strategy: polling } });
 * process.on('SIGTERM', () => writeFileSync('polling.json', JSON.stringify(polling.export())));
 * ```
 * @public
 */
export function adaptivePolling(options: AdaptivePollingOptions = {}): AdaptivePolling {
  const targetDelayMs = options.targetDelayMs ?? 1000;
  if (typeof targetDelayMs !== 'number' || !Number.isFinite(targetDelayMs) || targetDelayMs <= 0) {
    throw new RangeError(`adaptivePolling targetDelayMs must be a number of milliseconds above 0, not ${String(targetDelayMs)}`);
  }
  const start = options.startQuantile ?? 0.15;
  const end = options.endQuantile ?? 0.95;
  if (!(start >= 0 && start < end && end <= 1)) {
    throw new RangeError(`adaptivePolling needs 0 <= startQuantile < endQuantile <= 1, not ${String(start)} and ${String(end)}`);
  }
  const minSamples = positiveInteger('minSamples', options.minSamples, 8);
  const maxSamples = positiveInteger('maxSamples', options.maxSamples, 128);
  const maxKinds = positiveInteger('maxKinds', options.maxKinds, 64);
  // Per kind: recent durations in arrival order, and the grid they give (recomputed when they change).
  const kinds = new Map<string, { samples: number[]; grid: number[] | undefined }>();
  const history = (kind: string) => {
    let entry = kinds.get(kind);
    if (entry) {
      kinds.delete(kind); // re-insert: the Map's order is recency
    } else {
      entry = { samples: [], grid: undefined };
      if (kinds.size >= maxKinds) kinds.delete(kinds.keys().next().value!);
    }
    kinds.set(kind, entry);
    return entry;
  };
  const gridOf = (samples: readonly number[]) => {
    if (samples.length < minSamples) return undefined;
    return pollGrid([...samples].sort((a, b) => a - b), 2 * targetDelayMs, start, end);
  };
  const record = (kind: string, durationMs: number) => {
    const entry = history(kind);
    entry.samples.push(durationMs);
    if (entry.samples.length > maxSamples) entry.samples.shift();
    entry.grid = gridOf(entry.samples);
  };
  return {
    plan: (kind, policy, scheduler) => {
      const acceptedAt = scheduler.now();
      const grid = kinds.get(kind)?.grid;
      let lastPollAt = 0;
      let pollAt = 0;
      return {
        delayMs: (attempt, retryAfterMs) => {
          const elapsed = scheduler.now() - acceptedAt;
          const delay = adaptiveDelayMs(elapsed, attempt, retryAfterMs, grid, policy);
          lastPollAt = pollAt;
          pollAt = elapsed + delay;
          return delay;
        },
        // It ended between the last poll that saw it running and this one: the midpoint is the estimate.
        answered: (terminal) => {
          if (terminal) record(kind, (lastPollAt + pollAt) / 2);
        },
      };
    },
    export: () => ({ version: 1, kinds: Object.fromEntries([...kinds].map(([kind, { samples }]) => [kind, [...samples]])) }),
    import: (state) => {
      const raw = state as unknown as { version?: unknown; kinds?: unknown };
      const entries = typeof raw?.kinds === 'object' && raw.kinds !== null && !Array.isArray(raw.kinds) ? Object.entries(raw.kinds) : undefined;
      if (raw?.version !== 1 || !entries || !entries.every(([, v]) => Array.isArray(v) && v.every((d) => typeof d === 'number' && Number.isFinite(d) && d >= 0))) {
        throw new TypeError('adaptivePolling.import takes what export() gave: { version: 1, kinds: { [kind]: durations in ms } }');
      }
      kinds.clear();
      for (const [kind, samples] of entries.slice(-maxKinds)) {
        const kept = (samples as number[]).slice(-maxSamples);
        kinds.set(kind, { samples: kept, grid: gridOf(kept) });
      }
    },
  };
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`adaptivePolling ${name} must be a whole number above 0, not ${String(value)}`);
  return value;
}
