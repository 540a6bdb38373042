/**
 * What a fault does to a request it matches.
 *
 * - `status`: answer with this status and a Graph error body (`code`),
 *   optionally a `Retry-After` (seconds or an HTTP date, sent as given).
 * - `body`: answer 200 (or `status`) with this exact body: malformed JSON,
 *   an HTML page, a payload of the wrong shape.
 * - `latency`: wait `ms` before handling the request normally.
 * - `reset`: destroy the connection without an answer.
 * - `hang`: never answer (until the client aborts or the simulator stops).
 * - `noLocation`: answer a start request with `202` and no `Location`.
 * - `location`: answer a start request with `202` and this `Location`.
 *
 * @public
 */
export type FaultAction =
  | { readonly kind: 'status'; readonly status: number; readonly code?: string; readonly retryAfter?: string }
  | { readonly kind: 'body'; readonly body: string; readonly status?: number; readonly contentType?: string }
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'noLocation' }
  | { readonly kind: 'location'; readonly location: string };

/**
 * A fault to inject: which requests it applies to and how many times.
 *
 * @example
 * ```ts
 * sim.inject({ method: 'POST', path: /createSession$/, times: 2, action: { kind: 'status', status: 504 } });
 * sim.inject({ path: '/operations/', times: 1, action: { kind: 'status', status: 429, retryAfter: '1' } });
 * ```
 * @public
 */
export interface Fault {
  /** Only requests with this method. @defaultValue any */
  readonly method?: string;
  /** Only requests whose path (with query) contains this string or matches this pattern. @defaultValue any */
  readonly path?: string | RegExp;
  /** Only requests to this origin of the simulator. @defaultValue any */
  readonly origin?: 'graph' | 'monitor';
  /** How many matching requests it affects; then it is spent. @defaultValue 1 */
  readonly times?: number;
  /** What happens to them. */
  readonly action: FaultAction;
}

export interface ArmedFault {
  readonly fault: Fault;
  remaining: number;
}

export function matches(fault: Fault, method: string, origin: 'graph' | 'monitor', path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
  if (fault.origin !== undefined && fault.origin !== origin) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? path.includes(fault.path) : fault.path.test(path);
}
