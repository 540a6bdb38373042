import { defer, finalize, tap, type Observable, type SchedulerLike } from 'rxjs';
import type { HttpRequest, HttpResponse, HttpTransport } from 'rx-graph-lro/http';

/**
 * A Graph answer for a marble transport, by name. Helpers below build the
 * common ones.
 *
 * @public
 */
export type MarbleResponse = HttpResponse;

/**
 * How a route answers, call after call: each entry is one call's marble
 * (`'--a|'`: after two frames, answer `a`) and the answers its letters name.
 * A `#` in the marble is a network error. The last entry repeats.
 *
 * @public
 */
export interface MarbleAnswer {
  /** One call's marble: frames, then the letter of its answer (`'--a|'`), or `#` for a network error. */
  readonly marble: string;
  /** The answers the marble's letters name. */
  readonly values?: Readonly<Record<string, MarbleResponse>>;
  /** The error a `#` in the marble raises. @defaultValue a `TypeError('network error')`, as fetch raises */
  readonly error?: unknown;
}

/** One request a marble transport received, with its virtual time. @public */
export interface MarbleRequest extends HttpRequest {
  /** Virtual time the request was sent. */
  readonly at: number;
  /** True when it was unsubscribed before it answered: the client aborted it. */
  aborted: boolean;
}

/**
 * A transport that a user's own `TestScheduler` (or rxjs-marbles) test
 * drives with marble strings, so a pipeline built on rx-graph-lro can be
 * tested in virtual time without a server: retries, polls, timeouts and
 * cancellation included. Routes are `'METHOD url-suffix'` (the longest
 * matching suffix wins); a request no route matches answers 404.
 *
 * @example
 * ```ts
 * const transport = marbleTransport(scheduler, cold, {
 *   'POST /workbook/createSession': [{ marble: '-a|', values: { a: graphAccepted('https://graph.microsoft.com/v1.0/op/1') } }],
 *   'GET /op/1': [{ marble: '-r|', values: { r: graphJson({ status: 'running' }) } }],
 * });
 * ```
 * @public
 */
export function marbleTransport(
  scheduler: SchedulerLike,
  cold: (marble: string, values?: Record<string, MarbleResponse>, error?: unknown) => Observable<MarbleResponse>,
  routes: Readonly<Record<string, readonly MarbleAnswer[]>>,
): HttpTransport & { readonly requests: MarbleRequest[] } {
  const calls = new Map<string, number>();
  const table = Object.entries(routes)
    .map(([key, answers]) => {
      const space = key.indexOf(' ');
      return { key, method: key.slice(0, space).toUpperCase(), suffix: key.slice(space + 1), answers };
    })
    .sort((a, b) => b.suffix.length - a.suffix.length);
  return scriptedTransport(scheduler, (request) => {
    const route = table.find((r) => r.method === request.method && request.url.split('?')[0]!.endsWith(r.suffix));
    if (!route || route.answers.length === 0) {
      return cold('(n|)', { n: graphError(404, 'itemNotFound', `no marble route for ${request.method} ${request.url}`) });
    }
    const n = calls.get(route.key) ?? 0;
    calls.set(route.key, n + 1);
    const answer = route.answers[Math.min(n, route.answers.length - 1)]!;
    return cold(answer.marble, answer.values as Record<string, MarbleResponse>, answer.error ?? new TypeError('network error'));
  });
}

/**
 * A transport that answers each request with whatever `answer` returns for
 * it (a marble `cold(...)`, `of(...)`, anything), and records every request
 * with its virtual send time and whether it was aborted (unsubscribed before
 * it answered). The building block of {@link marbleTransport}, for tests
 * whose answers depend on the request itself.
 *
 * @example
 * ```ts
 * const transport = scriptedTransport(scheduler, (request, n) =>
 *   request.method === 'POST' ? of(graphAccepted(statusUrl)) : cold('-a|', { a: graphJson({ status: n > 2 ? 'succeeded' : 'running' }) }),
 * );
 * const graph = createGraphClient({ token: 't', transport, scheduler });
 * ```
 * @public
 */
export function scriptedTransport(
  scheduler: SchedulerLike,
  answer: (request: HttpRequest, index: number) => Observable<MarbleResponse>,
): HttpTransport & { readonly requests: MarbleRequest[] } {
  const requests: MarbleRequest[] = [];
  const transport = (request: HttpRequest) =>
    defer(() => {
      const entry: MarbleRequest = { ...request, at: scheduler.now(), aborted: false };
      requests.push(entry);
      let answered = false;
      return answer(request, requests.length - 1).pipe(
        tap({
          next: () => (answered = true),
          error: () => (answered = true),
        }),
        finalize(() => {
          if (!answered) entry.aborted = true;
        }),
      );
    });
  return Object.assign(transport, { requests });
}

/** A 200 with this JSON body (a status document, a result). @public */
export function graphJson(body: unknown, status = 200, headers: Readonly<Record<string, string>> = {}): MarbleResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** `202 Accepted` with this `Location` (and optionally `Retry-After`, in seconds). @public */
export function graphAccepted(location: string, retryAfterSeconds?: number): MarbleResponse {
  return { status: 202, headers: { location, ...(retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {}) }, body: '' };
}

/** A Graph error response: `{ error: { code, message } }`, optionally with `Retry-After` (seconds). @public */
export function graphError(status: number, code: string, message = code, retryAfterSeconds?: number): MarbleResponse {
  return graphJson({ error: { code, message } }, status, retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {});
}
