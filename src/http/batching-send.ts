import { finalize, Observable, type SchedulerLike, type Subscriber, type Subscription } from 'rxjs';
import type { TokenProvider } from '../auth/token-source.js';
import { captureAsyncContext, type AsyncContext } from '../core/async-context.js';
import type { HttpResponse } from './transport.js';
import type { RequestSpec, SendRequest } from './request-executor.js';
import { tryParseJson } from '../core/codecs/decode.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';
import { retryDelayMs, type RetryPolicy } from '../core/policy/retry-policy.js';

/**
 * Folding polls and result reads into Graph's JSON batching (`POST /$batch`).
 *
 * @example
 * ```ts
 * // 200 workbook operations at once: their polls travel 20 to a request.
 * createGraphClient({ token, batch: { windowMs: 50 } });
 * ```
 * @public
 */
export interface BatchOptions {
  /** How long a due poll waits for others to travel with. @defaultValue 50 */
  readonly windowMs?: number;
  /** Requests per batch; Graph takes at most 20. @defaultValue 20 */
  readonly maxSize?: number;
}

/** Graph's limit on requests in one JSON batch. */
export const MAX_BATCH_SIZE = 20;

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
  settled: boolean;
}

interface BatchAnswer {
  readonly id?: unknown;
  readonly status?: unknown;
  readonly headers?: unknown;
  readonly body?: unknown;
}

/**
 * A `send` that folds GETs to the API root (status polls, result reads)
 * falling due within `windowMs` into `POST {root}/$batch` requests of at
 * most `maxSize` relative GETs, each keeping its own headers. Everything else
 * — starts, monitors on other hosts (Graph's batching takes relative URLs
 * only), requests without the token — goes as it is.
 *
 * Each item's answer is what a single request would have got: a 2xx is
 * delivered as the item's response; any other status, and every item of a
 * batch request that failed after its own retries, is sent again on its own
 * through the executor (after the item's `Retry-After` or the back-off, for
 * 429/503/504), so it is classified, retried and reported exactly as a
 * single request would be. One operation's unsubscribe drops its item, or
 * ignores its answer if the batch is in flight; the batch request is aborted
 * only when every item in it is gone.
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
): SendRequest {
  const windowMs = options.windowMs ?? 50;
  const maxSize = Math.min(options.maxSize ?? MAX_BATCH_SIZE, MAX_BATCH_SIZE);
  const root = apiRoot.replace(/\/+$/, '');
  const prefix = `${root}/`;
  let pending: Item[] = [];
  let timer: Subscription | undefined;

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
    if (items.length === 1) {
      // A batch of one is a round trip either way: send it as it is.
      items[0]!.done = true;
      single(items[0]!);
      return;
    }
    const requests = items.map((item, index) => {
      const headers = itemHeaders(item.spec.headers);
      return { id: String(index + 1), method: 'GET', url: item.spec.url.slice(root.length), ...(headers ? { headers } : {}) };
    });
    const batch: Batch = { items, settled: false };
    for (const item of items) item.batch = batch;
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
    }).subscribe({
      next: (response) => {
        batch.settled = true;
        answer(items, response);
      },
      // The batch request failed even after its retries: each item goes on its own.
      error: () => {
        batch.settled = true;
        for (const item of items) {
          if (item.done) continue;
          item.done = true;
          single(item);
        }
      },
    }));
    // A synchronous transport may have settled it already.
    if (!batch.settled) batch.request = request;
  };

  const answer = (items: Item[], response: HttpResponse): void => {
    const answers = (tryParseJson(response.body) as { responses?: unknown } | undefined)?.responses;
    const byId = new Map<string, BatchAnswer>();
    if (Array.isArray(answers)) for (const a of answers as BatchAnswer[]) if (a && typeof a.id === 'string') byId.set(a.id, a);
    items.forEach((item, index) => {
      if (item.done) return;
      item.done = true;
      const found = byId.get(String(index + 1));
      const status = typeof found?.status === 'number' ? found.status : 0;
      if (status >= 200 && status < 300) {
        // What the operation does next (its next poll) happens in its own context, not the batch's.
        inContextOf(item, () => {
          item.subscriber.next(itemResponse(found!, status));
          item.subscriber.complete();
        });
        return;
      }
      // Throttled or unavailable on its own: wait as Graph asked (or the back-off), then alone.
      const headers = found ? lowerCased(found.headers) : {};
      const transient = status === 429 || status === 503 || status === 504;
      const delay = transient ? retryDelayMs(0, parseRetryAfter(headers['retry-after'], scheduler.now()), retry) : 0;
      single(item, delay);
    });
  };

  return (spec) => {
    if (spec.method !== 'GET' || spec.auth !== 'token' || !spec.url.startsWith(prefix)) return send(spec);
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
        if (batch && !batch.settled && batch.items.every((other) => other.done)) batch.request?.unsubscribe();
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

function itemResponse(found: BatchAnswer, status: number): HttpResponse {
  const body = found.body === undefined || found.body === null ? '' : typeof found.body === 'string' ? found.body : JSON.stringify(found.body);
  return { status, headers: lowerCased(found.headers), body };
}

function lowerCased(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof headers === 'object' && headers !== null) {
    for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
}
