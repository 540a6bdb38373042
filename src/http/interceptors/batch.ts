import { Observable, type SchedulerLike, type Subscriber, type Subscription } from 'rxjs';
import type { ChainRequest, HttpHandler, HttpInterceptor } from './http-interceptor.js';
import type { HttpResponse } from '../transport.js';
import type { RequestTracer } from '../request-trace.js';
import { answersByItem, itemVerdict } from '../batch-answer.js';
import { retryer } from '../../rx/retryer.js';
import type { RetryPolicy } from '../../core/policy/retry-policy.js';

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

/** An item's attempt in a batch did not give its answer: it goes alone after `delayMs` (its `Retry-After` or the back-off, or at once). Never leaves this file. */
class SendAlone {
  constructor(readonly delayMs: number) {}
}

const AT_ONCE = new SendAlone(0);

interface Item {
  readonly request: ChainRequest;
  readonly subscriber: Subscriber<HttpResponse>;
  /** The rest of the chain, which the `$batch` request and the items sent alone go down. */
  readonly next: HttpHandler;
  /** Set when the item is answered, cancelled, or handed back to go alone. */
  done: boolean;
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
 * The batch step: GETs to the API root that carry the token (status polls,
 * result reads) falling due within `windowMs` travel as `POST
 * {root}/$batch` requests of at most `maxSize` relative GETs, each keeping
 * its own headers. Everything else (starts, monitors on other hosts:
 * Graph's batching takes relative URLs only, requests without the token)
 * goes down the chain as it is.
 *
 * Each item runs on the one retry state machine ({@link retryer}): its
 * first attempt is its place in a batch; whatever its entry says that is
 * not its answer, it goes alone, down the rest of the chain, where it is
 * classified, retried and reported exactly as a single request would be.
 * A 2xx entry is the item's response. Any other status sends the item
 * alone, after the entry's `Retry-After` or the back-off when the retry
 * policy calls the status transient (`itemVerdict`, the same rule). An
 * entry that is missing, repeated or malformed, or whose body cannot be
 * read back, sends the item alone at once; an exception while answering
 * one item never reaches another, nor the process. One operation's
 * unsubscribe drops its item, or ignores its answer if the batch is in
 * flight; the batch request is aborted only when every item in it is gone.
 *
 * A batch request is bounded by `timeoutMs` (at most `requestTimeoutMs`)
 * from its first attempt, retries included (its trace tells when that
 * attempt goes, after any wait for the request budget). A batch that fails
 * after its retries, outlives that bound (it is aborted) or answers with
 * something that is not a batch answer hands its items to single requests
 * at once, and for `BATCH_PAUSE_MS` after it every poll goes alone: a
 * broken or hanging `$batch` endpoint then costs one bound per pause, not
 * one per poll.
 *
 * A batch carries one token, so it carries only items that carry that
 * very token: items are grouped by the token the token step attached to
 * them, and this step never asks for one. Each group is its own batch,
 * sent in its first item's context; an item is answered, or sent alone, in
 * its own caller's context.
 */
export function batchInterceptor(
  apiRoot: string,
  scheduler: SchedulerLike,
  retry: RetryPolicy,
  options: BatchOptions,
  requestTimeoutMs = Infinity,
): HttpInterceptor {
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

  const flush = (): void => {
    timer = undefined;
    const live = pending.filter((item) => !item.done);
    pending = [];
    // Items that carry the same token travel together.
    const groups = new Map<string | undefined, Item[]>();
    for (const item of live) {
      const group = groups.get(item.request.token);
      if (group) group.push(item);
      else groups.set(item.request.token, [item]);
    }
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += maxSize) sendBatch(group.slice(i, i + maxSize));
    }
  };

  const sendBatch = (items: Item[]): void => {
    // A batch of one is a round trip either way; after a failed batch, every item goes alone for a while.
    if (items.length === 1 || paused()) return alone(items);
    const requests = items.map((item, index) => {
      const headers = itemHeaders(item.request.headers);
      return { id: String(index + 1), method: 'GET', url: item.request.url.slice(root.length), ...(headers ? { headers } : {}) };
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
    const first = items[0]!;
    const send: ChainRequest = {
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
      // The token every item in it carries, and the context of the first (the budget lets it go there).
      ...(first.request.token !== undefined ? { token: first.request.token } : {}),
      ...(first.request.context ? { context: first.request.context } : {}),
    };
    const request = inContextOf(first, () =>
      first.next(send).subscribe({
        next: (response) => {
          batch.settled = true;
          batch.deadline?.unsubscribe();
          answer(items, response);
        },
        // The batch request failed even after its retries.
        error: failed,
      }),
    );
    // A synchronous transport may have settled it already.
    if (!batch.settled) batch.request = request;
  };

  /** Each item's batched attempt ends without its answer: it goes alone (its retryer sends it), in its own context. */
  const handBack = (item: Item, reason: SendAlone): void => {
    if (item.done) return;
    item.done = true;
    inContextOf(item, () => item.subscriber.error(reason));
  };

  const alone = (items: readonly Item[]): void => {
    for (const item of items) handBack(item, AT_ONCE);
  };

  const answer = (items: Item[], response: HttpResponse): void => {
    const byItem = answersByItem(response.body, items.length);
    // Not a batch answer at all (a proxy's page, a cut-off body): the endpoint is not working.
    if (!byItem) aloneUntil = scheduler.now() + BATCH_PAUSE_MS;
    items.forEach((item, index) => {
      if (item.done) return;
      // One item at a time, each in its own try: whatever its entry holds, the others are answered.
      try {
        const verdict = itemVerdict(byItem?.[index], item.request, item.request.retry ?? retry, scheduler.now());
        if (verdict.kind !== 'answered') return handBack(item, verdict.kind === 'status' && verdict.delayMs > 0 ? new SendAlone(verdict.delayMs) : AT_ONCE);
        item.done = true;
        // What the operation does next (its next poll) happens in its own context, not the batch's.
        inContextOf(item, () => {
          item.subscriber.next(verdict.response);
          item.subscriber.complete();
        });
      } catch {
        handBack(item, AT_ONCE);
      }
    });
  };

  /** The item's first attempt: its place in the next batch. */
  const queued = (request: ChainRequest, next: HttpHandler): Observable<HttpResponse> =>
    new Observable<HttpResponse>((subscriber) => {
      const item: Item = { request, subscriber, next, done: false };
      pending.push(item);
      if (!timer) timer = scheduler.schedule(flush, windowMs);
      return () => {
        const wasDone = item.done;
        item.done = true;
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

  return (request, next) => {
    if (request.method !== 'GET' || request.auth !== 'token' || !request.url.startsWith(prefix) || paused()) return next(request);
    // First its place in a batch; then, if that did not answer it, alone down the chain (which retries it as any request).
    return retryer({
      scheduler,
      attempt: (retries) => (retries === 0 ? queued(request, next) : next(request)),
      delayMs: (reason, retries) => (retries === 0 ? (reason instanceof SendAlone ? reason.delayMs : 0) : undefined),
    });
  };
}

function inContextOf<R>(item: Item, fn: () => R): R {
  const { context } = item.request;
  return context ? context(fn) : fn();
}

/** An item's own headers, as a single request would send them: a caller's Authorization never travels (the batch carries the client's token). */
function itemHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
  return Object.keys(kept).length > 0 ? kept : undefined;
}
