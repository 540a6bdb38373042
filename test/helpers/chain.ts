import type { Observable } from 'rxjs';
import type { ChainRequest, HttpHandler } from '../../src/http/interceptors/http-interceptor';
import type { HttpResponse } from '../../src/http/transport';

export const ROOT = 'https://graph.microsoft.com/v1.0';
export const TRUSTED: ReadonlySet<string> = new Set(['https://graph.microsoft.com']);

/** A request as the engine makes it: a GET of the API root that carries the token. */
export const get = (url = `${ROOT}/ops/1`, over: Partial<ChainRequest> = {}): ChainRequest => ({ method: 'GET', url, auth: 'token', idempotent: true, ...over });

export const ok = (body = '{}', status = 200, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body });

/** The rest of the chain, as an interceptor sees it: answers each request with `answer(request, n)` and records what it was given. */
export function restOfChain(answer: (request: ChainRequest, n: number) => Observable<HttpResponse>): HttpHandler & { readonly requests: ChainRequest[] } {
  const requests: ChainRequest[] = [];
  const next = (request: ChainRequest) => {
    requests.push(request);
    return answer(request, requests.length - 1);
  };
  return Object.assign(next, { requests });
}
