import { defer, finalize, Observable, type SchedulerLike } from 'rxjs';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../src/http/transport';

export interface LoggedRequest extends HttpRequest {
  /** Virtual time the request was sent. */
  readonly at: number;
  /** Set when the request was unsubscribed before it answered (an abort). */
  aborted: boolean;
}

/**
 * A transport for marble tests: each request is answered by `handler`
 * (typically with a marble `cold(...)`), and logged with its virtual send
 * time and whether it was cancelled before answering.
 */
export function fakeTransport(
  scheduler: SchedulerLike,
  handler: (request: HttpRequest, index: number) => Observable<HttpResponse>,
): HttpTransport & { log: LoggedRequest[] } {
  const log: LoggedRequest[] = [];
  const transport = (request: HttpRequest) =>
    defer(() => {
      const entry: LoggedRequest = { ...request, at: scheduler.now(), aborted: false };
      log.push(entry);
      let answered = false;
      return new Observable<HttpResponse>((subscriber) =>
        handler(request, log.length - 1)
          .pipe(finalize(() => { if (!answered) entry.aborted = true; }))
          .subscribe({
            next: (r) => { answered = true; subscriber.next(r); },
            error: (e) => { answered = true; subscriber.error(e); },
            complete: () => subscriber.complete(),
          }),
      );
    });
  return Object.assign(transport, { log });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export function accepted(location: string, headers: Record<string, string> = {}): HttpResponse {
  return { status: 202, headers: { location, ...headers }, body: '' };
}

export function graphError(status: number, code: string, headers: Record<string, string> = {}, inner?: string): HttpResponse {
  return json(status, { error: { code, message: `${code} happened`, ...(inner ? { innerError: { code: inner } } : {}) } }, headers);
}
