import { redactedCause, redactSecrets, withoutTempAuth } from './redaction.js';

/**
 * What an error knows about the request that caused it. It never holds
 * headers, so it can never hold the bearer token.
 *
 * @public
 */
export interface RequestContext {
  /** HTTP method of the request, e.g. `POST`. */
  readonly method?: string;
  /** Absolute URL of the request. */
  readonly url?: string;
  /** HTTP status of the response, where one arrived. */
  readonly status?: number;
  /** Graph's error code (innermost where Graph nests them), where one was sent. */
  readonly code?: string;
}

/**
 * Base class of every error rx-graph-lro raises, so one `instanceof` check
 * tells library failures from the caller's own. Whatever it shows (message,
 * stack, URL, and its `cause` chain, as `util.inspect` and `console.error`
 * print it) has secrets redacted: a monitor's `tempauth`, JWTs, `Bearer`
 * values, and the request's own token where the library knows it.
 *
 * @example
 * ```ts
 * graph.workbook(ref).createSession({ persistChanges: true }).subscribe({
 *   error: (e) => { if (e instanceof GraphLroError) console.log(e.method, e.url, e.status, e.code); },
 * });
 * ```
 * @public
 */
export class GraphLroError extends Error {
  /** HTTP method of the request that failed, where one was made. */
  readonly method?: string;
  /** Absolute URL of the request that failed. */
  readonly url?: string;
  /** HTTP status of the response, where one arrived. */
  readonly status?: number;
  /** Graph's error code, innermost where Graph nests them. */
  readonly code?: string;

  constructor(message: string, context: RequestContext = {}, options?: { cause?: unknown }) {
    // Secrets out of everything an error shows: its message (and so its stack), its URL, and its cause chain.
    super(redactSecrets(message), options === undefined ? undefined : { cause: redactedCause(options.cause) });
    nameError(this, 'GraphLroError');
    if (context.method !== undefined) this.method = context.method;
    if (context.url !== undefined) this.url = redactSecrets(context.url);
    if (context.status !== undefined) this.status = context.status;
    if (context.code !== undefined) this.code = context.code;
  }
}

/**
 * A SharePoint monitor URL carries a temporary credential in its query
 * (`tempAuth=…`): errors keep the URL, for context, but never that value.
 */
export { withoutTempAuth };

/**
 * Marks every rx-graph-lro error with the names of its classes under a
 * global symbol, so `isGraphLroError` recognises it even when the error
 * comes from the other copy of the package (ESM and CommonJS loaded side by
 * side, where `instanceof` fails).
 */
const KINDS = Symbol.for('rx-graph-lro.error-kinds');

/** Sets an error's `name` and records it among its kinds (each class's constructor calls this). */
export function nameError(error: GraphLroError, name: string): void {
  error.name = name;
  const holder = error as unknown as { [KINDS]?: string[] };
  if (!Object.prototype.hasOwnProperty.call(holder, KINDS)) {
    Object.defineProperty(holder, KINDS, { value: [], enumerable: false });
  }
  holder[KINDS]!.push(name);
}

/** The class names an error was built from, base first (`['GraphLroError', 'NetworkError', 'RequestTimeoutError']`), or `undefined` for any other value. */
export function errorKinds(value: unknown): readonly string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const kinds = (value as { [KINDS]?: unknown })[KINDS];
  return Array.isArray(kinds) ? (kinds as string[]) : undefined;
}

/** `POST https://host/path → 504 (code)`: the prefix every message starts with. */
export function describeRequest(context: RequestContext): string {
  const target = [context.method, context.url].filter(Boolean).join(' ');
  const outcome = [
    context.status !== undefined ? String(context.status) : undefined,
    context.code ? `(${context.code})` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  if (!target) return outcome;
  return outcome ? `${target} → ${outcome}` : target;
}

/** `reason`, after the request it concerns when there is one: never a stray leading `": "`. */
export function describeFailure(context: RequestContext, reason: string): string {
  const request = describeRequest(context);
  return request ? `${request}: ${reason}` : reason;
}
