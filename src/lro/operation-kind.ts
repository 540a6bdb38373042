import type { Observable } from 'rxjs';
import type { Decoder } from '../core/codecs/decoder.js';
import type { PollPolicy } from '../core/policy/poll-policy.js';
import type { RetryPolicy } from '../core/policy/retry-policy.js';
import type { HttpMethod } from '../http/transport.js';
import type { StatusModel } from './operation-types.js';

/**
 * The request that starts an operation.
 *
 * @public
 */
export interface StartRequest {
  readonly method: HttpMethod;
  /** A path under the API root (`/teams/{id}/clone`), or an absolute URL under it. */
  readonly url: string;
  /** Sent as JSON. @defaultValue none */
  readonly body?: unknown;
  /** @defaultValue none (the engine adds `Prefer: respond-async`) */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Statuses that mean nothing was applied (a team made from a group Graph
   * cannot see yet: 404; a locked file: 423): sent again under the retry
   * policy even when the start is not idempotent. @defaultValue none
   */
  readonly notApplied?: readonly number[];
}

/**
 * One call of a kind, checked and prepared: what is sent, what a handle
 * keeps, what the polls send.
 *
 * @public
 */
export interface PreparedOperation {
  readonly start: StartRequest;
  /**
   * What a resume handle keeps so that another process can finish the
   * operation: paths under the API root, each checked as one on resume
   * (never an absolute URL, a query or a dot segment). Never a secret.
   * @defaultValue none
   */
  readonly params?: Readonly<Record<string, string>>;
  /**
   * Headers every poll and the result read send, for this call only (a
   * workbook session id): never kept in a handle. Sent only to origins
   * trusted with the token. @defaultValue none
   */
  readonly pollHeaders?: Readonly<Record<string, string>>;
  /** Calls with the same key run one at a time, in order (a workbook's writes). @defaultValue none */
  readonly serializeBy?: string;
  /** What this call asks of its result's reading (how many records): never kept in a handle; a resumed operation reads with the kind's defaults. @defaultValue none */
  readonly resultOptions?: Readonly<Record<string, unknown>>;
}

/**
 * How a succeeded operation's result is read.
 *
 * - `none`: there is none (`undefined`).
 * - `status`: the final status document, or what `map` makes of it.
 * - `resource`: GET a resource and decode it with `codec`. Where: the URL
 *   the status names (`named`) when the status came from an origin trusted
 *   with the token, else the API path `path` builds from the status and the
 *   handle's params. `fixed` ignores what the status names.
 * - `custom`: anything else (paged records), as an Observable.
 *
 * @public
 */
export type ResultRule<S, T> =
  | { readonly read: 'none' }
  | { readonly read: 'status'; readonly map?: (status: S) => T }
  | {
      readonly read: 'resource';
      readonly codec: Decoder<T>;
      readonly named?: (status: S) => string | undefined;
      readonly path?: (status: S, params: Readonly<Record<string, string>>) => string | undefined;
    }
  | { readonly read: 'custom'; readonly fetch: (status: S, context: ResultContext) => Observable<T> };

/**
 * What a `custom` result reader may use: GETs under the API root with the
 * client's token, retries and bounds.
 *
 * @public
 */
export interface ResultContext {
  /** The status URL the operation was polled at. */
  readonly location: string;
  /** The handle's params. */
  readonly params: Readonly<Record<string, string>>;
  /** What the call asked of its result's reading ({@link PreparedOperation.resultOptions}); empty on resume. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Whether a URL (resolved as `get` does) is on an origin trusted with the token. */
  trusted(url: string): boolean;
  /**
   * GETs a URL (resolved against the status URL, a path under the API
   * root) and decodes its JSON, with the client's retries and bounds. It
   * carries the token only when the status came from an origin trusted with
   * it, and the token's origin trust decides for the URL itself.
   */
  get<A>(url: string, codec: Decoder<A>, headers?: Readonly<Record<string, string>>): Observable<A>;
}

/**
 * When a synchronous answer is a job resource still running (an export job
 * created with `201` that says `notStarted`), and where it lives. The body
 * must also read, by the kind's status model, as one of its running words.
 *
 * @public
 */
export interface JobRule {
  /** The statuses a job can come with. @defaultValue [201] */
  readonly statuses?: readonly number[];
  /** Whether this body is a job at all, beyond its running word (its `@odata.type` names one). @defaultValue any body */
  readonly is?: (body: Readonly<Record<string, unknown>>, status: number) => boolean;
  /**
   * Where to poll it, when the answer has no `Location`: a path under the
   * API root. @defaultValue its `@odata.id`, else its entity set (from
   * `@odata.context`) plus its `id`, else the collection it was posted to plus its `id`
   */
  readonly location?: (body: Readonly<Record<string, unknown>>, startUrl: string) => string | undefined;
  /**
   * A job that has already ended when it is created: `result` reads the
   * answer as the result at once; `follow` reports it and reads its result
   * as a followed job's would be (its records, fetched). @defaultValue 'result'
   */
  readonly ended?: 'result' | 'follow';
}

/**
 * A kind's own defaults, between the client's policies and the call's
 * options (Teams asks for more than 30 s between polls).
 *
 * @public
 */
export interface KindDefaults {
  /** @defaultValue the client's */
  readonly poll?: Partial<PollPolicy>;
  /** @defaultValue the client's */
  readonly retry?: Partial<RetryPolicy>;
  /** The operation's bound when the call gives no `timeoutMs`. @defaultValue 3600000 (1 h) */
  readonly timeoutMs?: number;
}

/**
 * One kind of long-running operation, declared as data: its name, how its
 * arguments are checked and what it sends, whether its start may be
 * repeated, how it is followed and how its result is read. The engine runs
 * `(kind, args)`; resume, job queues and the simulator read the same
 * declaration.
 *
 * @example
 * ```ts
 * const archiveTeam = operationKind({
 *   name: 'teams.archive',
 *   prepare: ([teamId]: readonly [string]) => ({ start: { method: 'POST', url: `/teams/${teamId}/archive` }, params: { team: `/teams/${teamId}` } }),
 *   params: ['team'],
 *   idempotent: false,
 *   status: teamsAsyncOperationStatus,
 *   result: { read: 'resource', codec: t.UnknownRecord, path: (_s, p) => p['team'] },
 * });
 * ```
 * @public
 */
export interface OperationKind<A extends readonly unknown[] = readonly unknown[], S = unknown, T = unknown> {
  /** What handles and jobs record: `area.action` (`teams.clone`). */
  readonly name: string;
  /**
   * Checks the arguments, throwing a `TypeError`/`RangeError` that names
   * the mistake before anything is sent, and prepares the call.
   */
  readonly prepare: (args: A, apiRoot: string) => PreparedOperation;
  /** The handle params it needs to finish: each must be present on resume. @defaultValue none */
  readonly params?: readonly string[];
  /**
   * Checks a resumed handle's params beyond being API paths (a copy's
   * `drive` must be a drive): why they are refused, or `undefined`.
   * @defaultValue none
   */
  readonly checkParams?: (params: Readonly<Record<string, string>>) => string | undefined;
  /**
   * Where this kind's status URLs are (tested on the URL's path): a resumed
   * handle whose status URL is elsewhere is refused before anything is sent,
   * so that a tampered handle cannot turn a token-bearing poll into a read of
   * any Graph resource. @defaultValue anywhere
   */
  readonly statusPath?: RegExp;
  /**
   * The operation lives on Graph itself (a workbook's): its status URL must
   * be on an origin trusted with the token, or it fails with a
   * `ProtocolError` before the first poll. @defaultValue false
   */
  readonly trustedOnly?: boolean;
  /** The start is safe to repeat after a 504 or a network failure. */
  readonly idempotent: boolean;
  /**
   * Where a call given as JSON (a job's arguments) carries its per-call
   * options: the argument at `at`, the shortcut's last. `own` names keys of
   * that object that are the kind's own argument (a table row's `index` and
   * `sessionId`, which the shortcut takes in the same object).
   * @defaultValue none: a call given as JSON carries no options
   */
  readonly callOptions?: { readonly at: number; readonly own?: readonly string[] };
  /** How its status documents read. */
  readonly status: StatusModel<S>;
  /** Whether polls carry the token (on a trusted origin). Monitors on other hosts: `none`. @defaultValue 'token' */
  readonly pollAuth?: 'token' | 'none';
  /** Headers every poll sends (`Prefer: include-unknown-enum-members`). @defaultValue none */
  readonly pollHeaders?: Readonly<Record<string, string>>;
  /** How a succeeded operation's result is read. */
  readonly result: ResultRule<S, T>;
  /** Synchronous answers that are a job still running, followed as a `202` would be. @defaultValue none: a synchronous answer is the result */
  readonly job?: JobRule;
  /**
   * How a synchronous answer (a 2xx that is not a job to follow) becomes
   * the result: decoded with `codec`, or `refuse`d as a `ProtocolError`.
   * @defaultValue the resource codec for `resource` results; for `status`
   * results the JSON object; for `none`, nothing
   */
  readonly sync?: { readonly codec: Decoder<T> } | 'refuse';
  /** @defaultValue none */
  readonly defaults?: KindDefaults;
  /**
   * `default` for a kind read entirely by the default status model and
   * result: its handles say so, and resume without a spec. @defaultValue absent
   */
  readonly model?: 'default';
}

/** Any kind, whatever its types: what tables and registries hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperationKind = OperationKind<any, any, any>;

/** The arguments a kind takes. */
export type KindArgs<K> = K extends OperationKind<infer A, infer _S, infer _T> ? A : never;

/** What a kind's operations end with. */
export type KindResult<K> = K extends OperationKind<infer _A, infer _S, infer T> ? T : never;

/**
 * Declares a kind, checking its shape at compile time (an identity
 * function, for inference).
 *
 * @public
 */
export function operationKind<A extends readonly unknown[], S, T>(kind: OperationKind<A, S, T>): OperationKind<A, S, T> {
  return kind;
}
