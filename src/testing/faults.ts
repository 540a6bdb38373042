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
 * - `location`: answer a start request with `202` and this `Location` (an
 *   array sends the header several times).
 * - `headers`: handle the request normally, adding these response headers
 *   (a `Retry-After` of `-1`, `abc`, a past date…).
 * - `stream`: answer 200 with a body sent in chunks and no `Content-Length`:
 *   `chunk` (default 64 KiB of spaces) every `intervalMs` (default: as fast
 *   as the client reads), until `totalBytes` (default: never) or until the
 *   client goes away. An endless body, or one that trickles.
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
  | { readonly kind: 'location'; readonly location: string | readonly string[] }
  | { readonly kind: 'headers'; readonly headers: Readonly<Record<string, string | readonly string[]>> }
  | { readonly kind: 'stream'; readonly chunk?: string; readonly intervalMs?: number; readonly totalBytes?: number };

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

/**
 * Random faults on every request, from a fixed seed so a failing run can be
 * replayed. Each rate is a probability in [0, 1]; they are drawn in this
 * order and at most one applies to a request.
 *
 * @example
 * ```ts
 * new GraphSimulator({ chaos: { seed: 42, gatewayTimeout: 0.2, throttle: 0.1, reset: 0.05, malformed: 0.02 } });
 * ```
 * @public
 */
export interface ChaosOptions {
  /** Seed of the pseudo-random sequence. */
  readonly seed: number;
  /** 504 Gateway Timeout. @defaultValue 0 */
  readonly gatewayTimeout?: number;
  /** 429 with `Retry-After`. @defaultValue 0 */
  readonly throttle?: number;
  /** The `Retry-After` of a chaos 429, in seconds. @defaultValue '0.01' */
  readonly retryAfter?: string;
  /** A connection reset without an answer. @defaultValue 0 */
  readonly reset?: number;
  /** A 200 whose body is truncated JSON. @defaultValue 0 */
  readonly malformed?: number;
}

/** mulberry32: a small, fast, seedable generator; statistical quality is ample for fault injection. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function chaosFault(options: ChaosOptions, random: () => number): FaultAction | undefined {
  const roll = random();
  let edge = 0;
  if (roll < (edge += options.gatewayTimeout ?? 0)) return { kind: 'status', status: 504 };
  if (roll < (edge += options.throttle ?? 0)) return { kind: 'status', status: 429, retryAfter: options.retryAfter ?? '0.01' };
  if (roll < (edge += options.reset ?? 0)) return { kind: 'reset' };
  if (roll < (edge += options.malformed ?? 0)) return { kind: 'body', body: '{"status": "runn' };
  return undefined;
}
