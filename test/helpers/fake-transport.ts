import type { Observable, SchedulerLike } from 'rxjs';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../src/http/transport';
import { graphAccepted, graphJson, scriptedTransport, type MarbleRequest } from '../../src/testing';

// The library's own tests use the marble kit it ships (rx-graph-lro/testing),
// as users do; these are only shorter names for what they use most.

export type LoggedRequest = MarbleRequest;

/** The shipped scriptedTransport, with its request log also as `log`. */
export function fakeTransport(
  scheduler: SchedulerLike,
  handler: (request: HttpRequest, index: number) => Observable<HttpResponse>,
): HttpTransport & { log: LoggedRequest[] } {
  const transport = scriptedTransport(scheduler, handler);
  return Object.assign(transport, { log: transport.requests });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return typeof body === 'string' ? { status, headers: { 'content-type': 'application/json', ...headers }, body } : graphJson(body, status, headers);
}

export function accepted(location: string, headers: Record<string, string> = {}): HttpResponse {
  const base = graphAccepted(location);
  return { ...base, headers: { ...base.headers, ...headers } };
}

export function graphError(status: number, code: string, headers: Record<string, string> = {}, inner?: string): HttpResponse {
  return json(status, { error: { code, message: `${code} happened`, ...(inner ? { innerError: { code: inner } } : {}) } }, headers);
}
