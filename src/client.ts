import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { toTokenProvider, type TokenSource } from './auth/tokenSource.js';
import { trustedOriginSet } from './auth/origins.js';
import { fetchTransport, type FetchLike } from './http/fetchTransport.js';
import type { HttpTransport } from './http/transport.js';
import { createRequestExecutor } from './http/sendRequest.js';
import { DEFAULT_POLL_POLICY, type PollPolicy } from './policy/poll-policy.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './policy/retry-policy.js';
import type { OperationRuntime } from './operations/runOperation.js';
import { createWorkbook, type Workbook } from './operations/workbook.js';
import { driveItemUrl, resolveApiRoot } from './operations/drive-item-ref.js';

/**
 * Options of {@link createGraphClient}. Every one is optional but `token`
 * (without it every request to Graph fails with `AuthenticationError`).
 *
 * @example
 * ```ts
 * const graph = createGraphClient({
 *   token: () => msal.acquireTokenSilent(...).then((r) => r.accessToken),
 *   baseUrl: 'https://graph.microsoft.us',   // a national cloud
 *   poll: { intervalMs: 500 },
 *   retry: { maxRetries: 6 },
 * });
 * ```
 * @public
 */
export interface GraphClientOptions {
  /** Where bearer tokens come from; sent only to trusted origins. */
  readonly token?: TokenSource;
  /** Graph's base URL, with or without the version. @defaultValue 'https://graph.microsoft.com/v1.0' */
  readonly baseUrl?: string;
  /** API version, replacing the one in `baseUrl` (`v1.0`, `beta`). @defaultValue the one in baseUrl, else 'v1.0' */
  readonly apiVersion?: string;
  /** Scopes asked of the token source. @defaultValue `['{base URL origin}/.default']` */
  readonly scopes?: readonly string[];
  /** The fetch to use. @defaultValue cross-fetch */
  readonly fetch?: FetchLike;
  /** A transport to use instead of fetch (for marble tests). @defaultValue fetchTransport(fetch) */
  readonly transport?: HttpTransport;
  /** Where every wait runs: polls, retries, timeouts. @defaultValue asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** Poll policy. @defaultValue {@link DEFAULT_POLL_POLICY} */
  readonly poll?: Partial<PollPolicy>;
  /** Retry policy. @defaultValue {@link DEFAULT_RETRY_POLICY} */
  readonly retry?: Partial<RetryPolicy>;
  /** Origins trusted with the token besides the base URL's. @defaultValue [] */
  readonly trustedOrigins?: readonly string[];
}

/**
 * A Graph client for long-running operations. Cheap to create; holds no
 * connections or timers of its own.
 *
 * @example
 * ```ts
 * graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: false });
 * ```
 * @public
 */
export interface GraphClient {
  /** The API root every relative address resolves against, e.g. `https://graph.microsoft.com/v1.0`. */
  readonly apiRoot: string;
  /** The workbook of a drive item, by any drive-item address. */
  workbook(ref: string): Workbook;
}

/**
 * Creates a {@link GraphClient}.
 *
 * @example
 * ```ts
 * import { createGraphClient, result } from 'rx-graph-lro';
 * const graph = createGraphClient({ token: process.env.GRAPH_TOKEN });
 * graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result())
 *   .subscribe((session) => console.log(session.id));
 * ```
 * @public
 */
export function createGraphClient(options: GraphClientOptions = {}): GraphClient {
  const apiRoot = resolveApiRoot(options.baseUrl ?? 'https://graph.microsoft.com/v1.0', options.apiVersion);
  const scheduler = options.scheduler ?? asyncScheduler;
  const scopes = options.scopes ?? [`${new URL(apiRoot).origin}/.default`];
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const runtime: OperationRuntime = {
    apiRoot,
    scheduler,
    poll: { ...DEFAULT_POLL_POLICY, ...options.poll },
    retry,
    send: createRequestExecutor({
      transport: options.transport ?? fetchTransport(options.fetch),
      tokens: toTokenProvider(options.token, scopes),
      trustedOrigins: trustedOriginSet(apiRoot, options.trustedOrigins),
      scheduler,
      retry,
    }),
  };
  return {
    apiRoot,
    workbook: (ref) => createWorkbook(runtime, driveItemUrl(apiRoot, ref)),
  };
}
