import { finalize, Observable, type SchedulerLike, type Subscriber, type Subscription } from 'rxjs';
import type { TokenProvider } from '../auth/token-source.js';
import { captureAsyncContext, type AsyncContext } from '../core/async-context.js';
import type { HttpResponse } from './transport.js';
import type { RequestSpec, SendRequest } from './request-executor.js';
import type { RequestTracer } from './request-trace.js';
import { answersByItem, itemVerdict } from './batch-answer.js';
import type { RetryPolicy } from '../core/policy/retry-policy.js';

/**
 * Folding polls and result reads into Graph's JSON batching (`POST /$batch`).
 *
 * @example
 * ```ts
 * // 200 workbook operations at once: their polls travel 20 to a request;
 * // a $batch not answered within 3 s sends its polls alone.
 * createGraphClient({ token, batch: { windowMs: 50, timeoutMs: 3000 } });
 * ```
 * @public
 */
export interface BatchOptions {
  /** How long a due poll waits for others to travel with. @defaultValue 50 */
  readonly windowMs?: number;
  /** Requests per batch; Graph takes at most 20. @defaultValue 20 */
  readonly maxSize?: number;
  /**
   * Bound on one `$batch` request, its retries included, from the moment it
   * is sent (after any wait for the request budget): past it the batch is
   * aborted, its items go alone at once, and the client sends polls alone
   * for the next minute. Never longer than the client's `requestTimeoutMs`,
   * so a hanging `$batch` endpoint costs a poll this much, not
   * `requestTimeoutMs` for every retry.
   * @defaultValue 5000
   */
  readonly timeoutMs?: number;
}

/** Graph's limit on requests in one JSON batch. */
export const MAX_BATCH_SIZE = 20;

/** {@link BatchOptions.timeoutMs}'s default. */
export const DEFAULT_BATCH_TIMEOUT_MS = 5_000;

/** After a `$batch` request fails, times out or answers something that is not a batch answer, polls go alone this long. */
export const BATCH_PAUSE_MS = 60_000;

interface Item {
  readonly spec: RequestSpec;
  readonly subscriber: Subscriber<HttpResponse>;
  /** The context the item was asked for in (whose token it needs), when the token source reads one. */
  readonly context: AsyncContext | undefined;
  /** Set when the item is answered, cancelled, or handed to a single request. */
  done: boolean;
  single?: Subscription;
  /** Asking for the item's token, to group it with the items that got the same. */
  tokenWait?: Subscription;
  batch?: Batch;
}

interface Batch {
  readonly items: readonly Item[];
  request?: Subscription;
  /** The batch's bound, from its first attempt. */
  deadline?: Subscription;
  settled: boolean;
}

/**
 * A `send` that folds GETs to the API root (status polls, result reads)
 * falling due within `windowMs` into `POST {root}/$batch` requests of at
 * most `maxSize` relative GETs, each keeping its own headers. Everything else
 * — starts, monitors on other hosts (Graph's batching takes relative URLs
 * only), requests without the token — goes as it is.
 *
 * Each item's answer is what a single request would have got: a 2xx is
 * delivered as the item's response; any other status is sent again on its
 * own through the executor (after the item's `Retry-After` or the back-off,
 * when the retry policy calls the status transient), so it is classified,
 * retried and reported exactly as a single request would be. Each item's
 * entry is read on its own (`itemVerdict`): an entry that is missing,
 * repeated or malformed, or whose body cannot be read back, is a protocol
 * error for that item alone, which is sent again on its own at once; an
 * exception while answering one item never reaches another, nor the
 * process. One operation's unsubscribe drops its item, or ignores its
 * answer if the batch is in flight; the batch request is aborted only when
 * every item in it is gone.
 *
 * A batch request is bounded by `timeoutMs` (at most `requestTimeoutMs`)
 * from its first attempt, retries included. A batch that fails after its
 * retries, outlives that bound (it is aborted) or answers with something
 * that is not a batch answer hands its items to single requests at once,
 * and for `BATCH_PAUSE_MS` after it every poll goes alone: a broken or
 * hanging `$batch` endpoint then costs one bound per pause, not one per poll.
 *
 * A batch carries one token, so it carries only items that need that very
 * token: when the token source reads the caller's context (whose token it
 * is), each item's token is asked for in the item's own context, items are
 * grouped by the token they got, and each group is its own batch, sent in
 * its context. An item is answered, or sent again on its own, in its own
 * context too.
 */
export function batchingSend(
  send: SendRequest,
  apiRoot: string,
  scheduler: SchedulerLike,
  retry: RetryPolicy,
  options: BatchOptions,
  tokens?: TokenProvider,
  requestTimeoutMs = Infinity,
): SendRequest {
  const windowMs = options.windowMs ?? 50;
  const timeoutMs = Math.min(options.timeoutMs ?? DEFAULT_BATCH_TIMEOUT_MS, requestTimeoutMs);
  const maxSize = Math.min(options.maxSize ?? MAX_BATCH_SIZE, MAX_BATCH_SIZE);
  const root = apiRoot.replace(/\/+$/, '');
  const prefix = `${root}/`;
  let pending: Item[] = [];
  let timer: Subscription | undefined;
  // Until when items go alone, after a batch request that failed (the circuit is open).
  let aloneUntil = -Infinity;
  const paused = () => scheduler.now() < aloneUntil;

  const single = (item: Item, delayMs = 0): void => {
    const go = () =>
      inContextOf(item, () => {
        item.single = send(item.spec).subscribe(item.subscriber);
      });
    if (delayMs > 0) item.single = scheduler.schedule(go, delayMs);
    else go();
  };

  const flush = (): void => {
    timer = undefined;
    const live = pending.filter((item) => !item.done);
    pending = [];
    if (live.some((item) => item.context)) groupByToken(live);
    else sendGroup(live);
  };

  const sendGroup = (items: Item[]): void => {
    for (let i = 0; i < items.length; i += maxSize) sendBatch(items.slice(i, i + maxSize));
  };

  // Each item's token, asked for in its own context; the items that got the same token travel together.
  // A token that takes longer than the window (at least 10 ms) sends its item alone, so one slow
  // or hanging token source never holds the others (the executor bounds its own wait for it).
  const groupByToken = (items: Item[]): void => {
    const groups = new Map<string, Item[]>();
    const answered = new Set<Item>();
    let waiting = items.length;
    const bound = scheduler.schedule(() => {
      for (const item of items) {
        if (answered.has(item) || item.done) continue;
        item.done = true;
        item.tokenWait?.unsubscribe();
        single(item);
      }
    }, Math.max(windowMs, 10));
    const settled = () => {
      if (--waiting > 0) return;
      bound.unsubscribe();
      for (const group of groups.values()) sendGroup(group.filter((item) => !item.done));
    };
    for (const item of items) {
      item.tokenWait = tokens!
        .token(false, item.context)
        .pipe(finalize(settled))
        .subscribe({
          next: (token) => {
            answered.add(item);
            const group = groups.get(token);
            if (group) group.push(item);
            else groups.set(token, [item]);
          },
          // No token: alone, through the executor, which reports why as it would for any request.
          error: () => {
            answered.add(item);
            item.done = true;
            single(item);
          },
        });
    }
  };

  const sendBatch = (items: Item[]): void => {
    // A batch of one is a round trip either way; after a failed batch, every item goes alone for a while.
    if (items.length === 1 || paused()) return alone(items);
    const requests = items.map((item, index) => {
      const headers = itemHeaders(item.spec.headers);
      return { id: String(index + 1), method: 'GET', url: item.spec.url.slice(root.length), ...(headers ? { headers } : {}) };
    });
    const batch: Batch = { items, settled: false };
    for (const item of items) item.batch = batch;
    // The batch failed as a whole: its items go alone, and so do the next ones for a while.
    const failed = (): void => {
      batch.settled = true;
      batch.deadline?.unsubscribe();
      aloneUntil = scheduler.now() + BATCH_PAUSE_MS;
      alone(items);
    };
    // The bound starts with the first attempt, when the request budget (if any) has let the batch go,
    // and holds its retries too: a timed-out batch is aborted, never sent again as a whole.
    const trace: RequestTracer = {
      attempt: () => {
        batch.deadline ??= scheduler.schedule(() => {
          if (batch.settled) return;
          batch.request?.unsubscribe();
          failed();
        }, timeoutMs);
        return { end: () => undefined };
      },
    };
    // Sent in the context of its first item: the executor asks for the token there, the one every item got.
    const request = inContextOf(items[0]!, () => send({
      method: 'POST',
      url: `${root}/$batch`,
      headers: { 'content-type': 'application/json' },
      body: { requests },
      auth: 'token',
      // A batch of GETs changes nothing: safe to repeat after a 504 or a reset.
      idempotent: true,
      retry,
      // Graph counts every request inside a batch against its limits: so does the budget.
      cost: items.length,
      trace,
    }).subscribe({
      next: (response) => {
        batch.settled = true;
        batch.deadline?.unsubscribe();
        answer(items, response);
      },
      // The batch request failed even after its retries.
      error: failed,
    }));
    // A synchronous transport may have settled it already.
    if (!batch.settled) batch.request = request;
  };

  const alone = (items: readonly Item[]): void => {
    for (const item of items) {
      if (item.done) continue;
      item.done = true;
      single(item);
    }
  };

  const answer = (items: Item[], response: HttpResponse): void => {
    const byItem = answersByItem(response.body, items.length);
    // Not a batch answer at all (a proxy's page, a cut-off body): the endpoint is not working.
    if (!byItem) aloneUntil = scheduler.now() + BATCH_PAUSE_MS;
    items.forEach((item, index) => {
      if (item.done) return;
      item.done = true;
      // One item at a time, each in its own try: whatever its entry holds, the others are answered.
      let handed = false;
      try {
        const verdict = itemVerdict(byItem?.[index], item.spec, item.spec.retry ?? retry, scheduler.now());
        if (verdict.kind === 'answered') {
          // What the operation does next (its next poll) happens in its own context, not the batch's.
          inContextOf(item, () => {
            handed = true;
            item.subscriber.next(verdict.response);
            item.subscriber.complete();
          });
          return;
        }
        // Throttled or unavailable on its own: wait as Graph asked (or the back-off), then alone. Anything else: alone now.
        handed = true;
        single(item, verdict.kind === 'status' ? verdict.delayMs : 0);
      } catch {
        if (!handed) single(item);
      }
    });
  };

  return (spec) => {
    if (spec.method !== 'GET' || spec.auth !== 'token' || !spec.url.startsWith(prefix) || paused()) return send(spec);
    return new Observable<HttpResponse>((subscriber) => {
      const item: Item = { spec, subscriber, done: false, context: tokens?.contextual ? captureAsyncContext() : undefined };
      pending.push(item);
      if (!timer) timer = scheduler.schedule(flush, windowMs);
      return () => {
        const wasDone = item.done;
        item.done = true;
        item.tokenWait?.unsubscribe();
        item.single?.unsubscribe();
        if (!wasDone && pending.includes(item)) {
          pending = pending.filter((p) => p !== item);
          if (pending.length === 0) {
            timer?.unsubscribe();
            timer = undefined;
          }
        }
        // The batch in flight is aborted only when nobody is waiting for it.
        const batch = item.batch;
        if (batch && !batch.settled && batch.items.every((other) => other.done)) {
          batch.request?.unsubscribe();
          batch.deadline?.unsubscribe();
        }
      };
    });
  };
}

function inContextOf<R>(item: Item, fn: () => R): R {
  return item.context ? item.context(fn) : fn();
}

/** An item's own headers, as a single request would send them: a caller's Authorization never travels (the batch carries the client's token). */
function itemHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
  return Object.keys(kept).length > 0 ? kept : undefined;
}
