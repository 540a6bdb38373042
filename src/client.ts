import { asyncScheduler, defer, type SchedulerLike } from 'rxjs';
import { combineInstrumentation } from './lro/instrumentation.js';
import { eventHook } from './lro/event-hook.js';
// Types of the other entries come from those entries, as a user imports them: the main entry does not re-export them.
import type { GraphLroEvent, Instrumentation } from 'rx-graph-lro/instrumentation';
import type { FetchLike, HttpTransport } from 'rx-graph-lro/http';
import { toTokenProvider, type TokenProvider, type TokenSource } from './auth/token-source.js';
import { isTrustedUrl, trustedOriginSet } from './core/url/origins.js';
import { fetchTransport } from './http/fetch-transport.js';
import { defaultTransport } from './http/default-transport.js';
import { defaultDownloadFetch } from './http/default-fetch.js';
import { downloadBytes } from './http/download-bytes.js';
import { createRequestChain, DEFAULT_REQUEST_TIMEOUT_MS } from './http/request-chain.js';
import { DEFAULT_POLL_POLICY, type PollPolicy } from './core/policy/poll-policy.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './core/policy/retry-policy.js';
import type { OperationRuntime } from './lro/run-operation.js';
import type { OperationOptions } from './lro/operation-types.js';
import type { OperationEvent } from './lro/operation-event.js';
import type { OperationHandle } from './lro/operation-handle.js';
import { resumeOperation } from './lro/resume.js';
import { kindRunner } from './lro/run-kind.js';
import type { Observable } from 'rxjs';
import { createWorkbook } from './graph/workbook/workbook.js';
import type {
  BackupRestoreOperations,
  DeviceManagementOperations,
  DriveItemOperations,
  EdiscoveryCaseOperations,
  EngageOperations,
  ExternalConnectionOperations,
  OnenoteOperations,
  PrintOperations,
  SecurityOperations,
  SiteOperations,
  TeamsOperations,
  UserOperations,
  Workbook,
  WorkbookOptions,
} from 'rx-graph-lro/graph';
import { createDriveItem } from './graph/drive/drive-item-operations.js';
import { parseDriveItemRef } from './graph/shared/drive-item-ref.js';
import { checkOperationSpec, defaultKind, kindOfSpec, type OperationSpec } from './graph/custom-operation.js';
import { KINDS_BY_NAME } from './graph/kinds.js';
import { createTeams } from './graph/teams/teams.js';
import { createOnenote } from './graph/onenote/onenote.js';
import { createSite } from './graph/sites/sites.js';
import { createExternalConnection } from './graph/search/external-connections.js';
import { createEdiscoveryCase } from './graph/ediscovery/ediscovery.js';
import { createEngage } from './graph/engage/engage.js';
import { createDeviceManagement } from './graph/device-management/device-management.js';
import { createSecurity } from './graph/security/security.js';
import { createUser } from './graph/users/users.js';
import { createPrint } from './graph/print/print.js';
import { createBackupRestore } from './graph/backup/backup-restore.js';
import { resolveApiRoot } from './core/url/api-root.js';
import { checkAsyncContextKept } from './core/async-context.js';
import {
  checkDuration,
  checkFunction,
  checkInteger,
  checkObject,
  checkOneOf,
  checkOperationOptions,
  checkPollPolicy,
  checkRetryPolicy,
  checkTokenSource,
  describeValue,
  TOKEN_SOURCE_SHAPES,
} from './core/policy/validation.js';
import { RequestBudget, type RequestBudgetOptions, type RequestLimiter } from './http/request-budget.js';
import { MAX_BATCH_SIZE, type BatchOptions } from './http/interceptors/batch.js';

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
  /**
   * Who attaches tokens. `library`: this client, from `token`. `transport`:
   * the transport's own layer (an Angular `HttpClient` interceptor such as
   * MSAL's); the client attaches none, and marks every request that must go
   * without one (`withoutToken`, `GRAPH_LRO_NO_TOKEN` in Angular).
   * @defaultValue 'library'
   */
  readonly authorization?: 'library' | 'transport';
  /** Graph's base URL, with or without the version. @defaultValue 'https://graph.microsoft.com/v1.0' */
  readonly baseUrl?: string;
  /** API version, replacing the one in `baseUrl` (`v1.0`, `beta`). @defaultValue the one in baseUrl, else 'v1.0' */
  readonly apiVersion?: string;
  /** Scopes asked of the token source. @defaultValue `['{base URL origin}/.default']` */
  readonly scopes?: readonly string[];
  /**
   * A fetch to send with instead of the default transport: cross-fetch,
   * Node's own `globalThis.fetch`, or any WHATWG fetch (the same as
   * `transport: fetchTransport(fetch)`). `deviceManagement.downloadReport`
   * fetches the file with it too; without it, with Node's or the browser's
   * own fetch.
   * @defaultValue none: the default transport
   */
  readonly fetch?: FetchLike;
  /**
   * How requests travel. In Node the default is `undiciTransport()` (undici's
   * dispatcher: no `AbortController` and no timer per request, the request
   * bound kept by undici's own timeouts); in browser bundles, the browser's
   * fetch. `fetchTransport(fetch)` from `rx-graph-lro/http` selects a fetch;
   * a marble transport runs the whole pipeline in virtual time.
   * @defaultValue undiciTransport() in Node (fetchTransport() before Node 20.18.1), fetchTransport() in browsers
   */
  readonly transport?: HttpTransport;
  /** Where every wait runs: polls, retries, timeouts. @defaultValue asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** Poll policy. @defaultValue {@link DEFAULT_POLL_POLICY} */
  readonly poll?: Partial<PollPolicy>;
  /** Retry policy. @defaultValue {@link DEFAULT_RETRY_POLICY} */
  readonly retry?: Partial<RetryPolicy>;
  /** Origins trusted with the token besides the base URL's. @defaultValue [] */
  readonly trustedOrigins?: readonly string[];
  /**
   * Bound on one HTTP request, from the moment it is sent to the last byte
   * of its body, its redirect hops included, and on the wait for its token,
   * so that no single request (a hung connection, a body that trickles, a
   * token source that never answers) can hold an operation. A request that
   * exceeds it is aborted and fails with a `NetworkError` (retried like one
   * when the request is safe to repeat); a token that does not come, with an
   * `AuthenticationError`.
   * @defaultValue 100000 (100 s, as Graph's own SDKs)
   */
  readonly requestTimeoutMs?: number;
  /**
   * A cap on the rate of every request this client sends — starts, polls,
   * result reads, retries, redirect hops — shared by all its operations: a
   * token bucket on the client's scheduler. A request over the cap waits its
   * turn (in order; its `requestTimeoutMs` starts when it goes); nothing
   * fails for it. Unsubscribing a waiting operation takes it out of the
   * queue. Graph counts every request, batched or not, against its limits.
   * A {@link RequestLimiter} instead of options shares one budget between
   * clients or processes (`redisRequestLimiter` in `rx-graph-lro/bullmq`).
   * A request that waited goes from a timer another request started, still
   * in its own caller's context (`AsyncLocalStorage`), with the token asked
   * for there;
   * where that context cannot be captured (Node before 20.16) a token
   * function, Observable or credential with a budget is refused with a
   * `TypeError` (see `batch`).
   * @defaultValue none (no cap)
   */
  readonly requestBudget?: RequestBudgetOptions | RequestLimiter;
  /**
   * Folds status polls and result reads to the API root that fall due within
   * `windowMs` into `POST /$batch` requests of up to 20 (Graph's JSON
   * batching): far fewer round trips when many operations run at once, at
   * the cost of up to `windowMs` of detection delay. Starts and monitors on
   * other hosts are never batched. Items that fail, or whose answer is
   * missing, repeated or malformed, are sent again on their own; a `$batch`
   * that fails or takes longer than `timeoutMs` sends its items alone at
   * once, and polls go alone for a minute after it. Graph still counts each
   * request inside a batch. Each item's token is asked for in its own
   * caller's context (`AsyncLocalStorage`), and a batch carries only items
   * with the very same token; each item is answered in its caller's context,
   * captured as an `AsyncResource` when the request is made (what
   * `AsyncLocalStorage.snapshot()` does, cheaper). Where the library cannot
   * reach it (Node before 20.16, unless an `msalTokenSource` handed it
   * over), a token function, Observable or credential with `batch` is
   * refused with a `TypeError`, since the answers would reach every
   * operation in the context of whoever started the flush, and its next
   * request would ask for that user's token.
   * @defaultValue none (every request travels alone)
   */
  readonly batch?: BatchOptions;
  /**
   * Told of every operation's life as plain objects: started, accepted, each
   * status change, each HTTP attempt (sent, answered, retried, failed,
   * cancelled) and how it ended. Never a token, a session id or a query
   * string. An exception thrown here is ignored.
   * @defaultValue none
   */
  readonly onEvent?: (event: GraphLroEvent) => void;
  /**
   * Observers of operations, such as `openTelemetry()` from
   * `rx-graph-lro/opentelemetry` (spans for operations and requests).
   * @defaultValue none
   */
  readonly instrumentation?: Instrumentation | readonly Instrumentation[];
}

const CLIENT_OPTION_KEYS = [
  'token',
  'authorization',
  'baseUrl',
  'apiVersion',
  'scopes',
  'fetch',
  'transport',
  'scheduler',
  'poll',
  'retry',
  'trustedOrigins',
  'requestTimeoutMs',
  'requestBudget',
  'batch',
  'onEvent',
  'instrumentation',
] as const;

/** Every option checked before the client exists: a mistake is a TypeError/RangeError naming it, never a request. */
function checkClientOptions(options: unknown): GraphClientOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new TypeError(
      `createGraphClient takes an options object, e.g. createGraphClient({ token }), not ${describeValue(options)}; token is ${TOKEN_SOURCE_SHAPES}`,
    );
  }
  const checked = (checkObject('createGraphClient options', options ?? {}, CLIENT_OPTION_KEYS) ?? {}) as GraphClientOptions;
  checkTokenSource('token', checked.token);
  checkOneOf('authorization', checked.authorization, ['library', 'transport']);
  if (checked.authorization === 'transport' && checked.token !== undefined) {
    throw new TypeError("authorization: 'transport' means the transport attaches tokens: give no token option as well");
  }
  if (checked.authorization === 'transport' && checked.transport === undefined) {
    throw new TypeError("authorization: 'transport' needs a transport that attaches tokens (withHttpClient() in rx-graph-lro/angular)");
  }
  checkFunction('fetch', checked.fetch);
  checkFunction('transport', checked.transport);
  const scheduler = checked.scheduler as unknown;
  if (scheduler !== undefined && (typeof scheduler !== 'object' || scheduler === null || typeof (scheduler as { schedule?: unknown }).schedule !== 'function' || typeof (scheduler as { now?: unknown }).now !== 'function')) {
    throw new TypeError(`scheduler must be an rxjs SchedulerLike (with now() and schedule()), not ${describeValue(scheduler)}`);
  }
  checkPollPolicy('poll', checked.poll);
  checkRetryPolicy('retry', checked.retry);
  checkDuration('requestTimeoutMs', checked.requestTimeoutMs);
  const limiter = typeof (checked.requestBudget as { acquire?: unknown } | undefined)?.acquire === 'function';
  const budget = limiter ? undefined : checkObject('requestBudget', checked.requestBudget, ['limit', 'intervalMs', 'burst']);
  if (budget) {
    checkInteger('requestBudget.limit', budget['limit'], 1, 1_000_000);
    if (budget['limit'] === undefined) throw new TypeError('requestBudget.limit is required: requests per intervalMs, e.g. { limit: 1200, intervalMs: 10000 }');
    if (budget['intervalMs'] === undefined) throw new TypeError('requestBudget.intervalMs is required: the window limit counts over, in ms');
    checkDuration('requestBudget.intervalMs', budget['intervalMs']);
    checkInteger('requestBudget.burst', budget['burst'], 1, 1_000_000);
  }
  const batch = checkObject('batch', checked.batch, ['windowMs', 'maxSize', 'timeoutMs']);
  if (batch) {
    checkDuration('batch.windowMs', batch['windowMs'], true);
    checkInteger('batch.maxSize', batch['maxSize'], 2, MAX_BATCH_SIZE);
    checkDuration('batch.timeoutMs', batch['timeoutMs']);
  }
  checkFunction('onEvent', checked.onEvent);
  const instrumentation = checked.instrumentation as unknown;
  const observers = instrumentation === undefined ? [] : Array.isArray(instrumentation) ? instrumentation : [instrumentation];
  if (!observers.every((o) => typeof (o as { operation?: unknown } | null)?.operation === 'function')) {
    throw new TypeError(`instrumentation must be an Instrumentation (such as openTelemetry() from rx-graph-lro/opentelemetry) or an array of them, not ${describeValue(instrumentation)}`);
  }
  const scopes = checked.scopes as unknown;
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === 'string' && s.trim() !== ''))) {
    throw new TypeError(`scopes must be a non-empty array of scope strings, not ${describeValue(scopes)}`);
  }
  const origins = checked.trustedOrigins as unknown;
  if (origins !== undefined && (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string'))) {
    throw new TypeError(`trustedOrigins must be an array of origin strings such as 'https://graph.microsoft.us', not ${describeValue(origins)}`);
  }
  return checked;
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
  workbook(ref: string, options?: WorkbookOptions): Workbook;
  /** A drive item's long-running actions (copy, assignSensitivityLabel), by any drive-item address. */
  driveItem(ref: string): DriveItemOperations;
  /** Teams: create, clone, archive, unarchive, create a channel (`teamsAsyncOperation`). */
  readonly teams: TeamsOperations;
  /** OneNote copies of `'/me'`'s, `'/users/{id}'`'s, `'/groups/{id}'`'s or `'/sites/{id}'`'s notebooks and sections (`onenoteOperation`). @defaultValue owner '/me' */
  onenote(owner?: string): OnenoteOperations;
  /** A SharePoint site's operations: copy a content type from the hub (`richLongRunningOperation`). */
  site(siteId: string): SiteOperations;
  /** A Microsoft Search connection's operations: schema update (`connectionOperation`). */
  externalConnection(connectionId: string): ExternalConnectionOperations;
  /** An eDiscovery case's operations: estimate, purge, export, add to review set (`caseOperation`). */
  ediscoveryCase(caseId: string): EdiscoveryCaseOperations;
  /** Viva Engage: create a community (`engagementAsyncOperation`). */
  readonly engage: EngageOperations;
  /** Intune: export a report (a `deviceManagementExportJob`, created with 201 and polled). */
  readonly deviceManagement: DeviceManagementOperations;
  /** Microsoft Purview: search the audit log (a `security.auditLogQuery`, created with 201 and polled; its records read page by page). */
  readonly security: SecurityOperations;
  /** A user's operations, by id or user principal name: export their personal data (`dataPolicyOperation`). */
  user(userId: string): UserOperations;
  /** Universal Print: register a printer (`printerCreateOperation`, nested `status.state`). */
  readonly print: PrintOperations;
  /** Microsoft 365 Backup: activate a restore session (answered 200 with the session, polled until it ends). */
  readonly backupRestore: BackupRestoreOperations;
  /**
   * Any other asynchronous operation, described by a spec: a `202` with
   * `Location` or `Operation-Location`, or a `201` whose body is a job still
   * running. Without a status model, any of Graph's asynchronous resources
   * is read by `longRunningOperationStatus`.
   */
  operation<S, T>(spec: OperationSpec<S, T>, options?: OperationOptions): Observable<OperationEvent<T>>;
  /**
   * Runs a built-in operation by its kind name (what a handle's `kind`
   * says), with the arguments its shortcut takes, as JSON: what a job queue
   * stores. `graph.run('teams.clone', [teamId, { displayName, partsToClone }])`
   * is `graph.teams.clone(teamId, { displayName, partsToClone })`. An unknown
   * name or a wrong argument is a `TypeError` before anything is sent.
   */
  run<T = unknown>(kind: string, args: readonly unknown[], options?: OperationOptions): Observable<OperationEvent<T>>;
  /**
   * Picks up an accepted operation from its handle (the `handle` of an
   * `accepted` event, possibly from another process). Built-in kinds need
   * nothing more; a custom operation needs its spec again.
   */
  resume<T = unknown>(handle: OperationHandle, spec?: OperationSpec<unknown, T>, options?: OperationOptions): Observable<OperationEvent<T>>;
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
  options = checkClientOptions(options);
  const apiRoot = resolveApiRoot(options.baseUrl ?? 'https://graph.microsoft.com/v1.0', options.apiVersion);
  const scheduler = options.scheduler ?? asyncScheduler;
  const scopes = options.scopes ?? [`${new URL(apiRoot).origin}/.default`];
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const trustedOrigins = trustedOriginSet(apiRoot, options.trustedOrigins);
  const tokens: TokenProvider = options.authorization === 'transport' ? { kind: 'transport' } : toTokenProvider(options.token, scopes);
  // A token function, Observable or credential may read whose request it is from AsyncLocalStorage.
  if (tokens.kind === 'source') checkAsyncContextKept(options.batch !== undefined ? 'batch' : options.requestBudget !== undefined ? 'requestBudget' : undefined);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const instrumentation = combineInstrumentation([
    ...(options.onEvent ? [eventHook(options.onEvent, scheduler)] : []),
    ...(options.instrumentation === undefined ? [] : Array.isArray(options.instrumentation) ? options.instrumentation : [options.instrumentation as Instrumentation]),
  ]);
  const transport = options.transport ?? (options.fetch ? fetchTransport(options.fetch) : defaultTransport());
  const send = createRequestChain({
    transport,
    tokens,
    trustedOrigins,
    scheduler,
    retry,
    requestTimeoutMs,
    ...(options.requestBudget
      ? { budget: 'acquire' in options.requestBudget ? options.requestBudget : new RequestBudget(options.requestBudget, scheduler) }
      : {}),
    ...(options.batch ? { batch: { apiRoot, options: options.batch } } : {}),
    traced: instrumentation !== undefined,
  });
  const runtime: OperationRuntime = {
    apiRoot,
    scheduler,
    poll: { ...DEFAULT_POLL_POLICY, ...options.poll },
    retry,
    instrumentation,
    isTrusted: (url) => isTrustedUrl(url, trustedOrigins),
    send,
    ...(transport.sharesOperationSignal ? { operationSignals: true } : {}),
  };
  // One runner for every kind: a workbook's writes queue per workbook, shared by every graph.workbook(ref) of it.
  const run = kindRunner(runtime);
  return {
    apiRoot,
    workbook: (ref, workbookOptions) => createWorkbook(runtime, run, ref, workbookOptions),
    driveItem: (ref) => createDriveItem(run, parseDriveItemRef(apiRoot, ref)),
    teams: createTeams(run),
    onenote: (owner = '/me') => createOnenote(run, owner),
    site: (siteId) => createSite(run, siteId),
    externalConnection: (connectionId) => createExternalConnection(run, connectionId),
    ediscoveryCase: (caseId) => createEdiscoveryCase(run, caseId),
    engage: createEngage(run),
    deviceManagement: createDeviceManagement(run, (file) => downloadBytes({ fetch: options.fetch ?? defaultDownloadFetch, scheduler, retry }, file)),
    security: createSecurity(run),
    user: (userId) => createUser(run, userId),
    print: createPrint(run),
    backupRestore: createBackupRestore(run),
    // Checked at subscription, before the start request: the error names the field.
    operation: (spec, callOptions) =>
      defer(() => {
        checkOperationSpec(spec);
        checkOperationOptions('operation options', callOptions);
        return run(kindOfSpec(spec), [], callOptions);
      }),
    run: <T>(name: string, args: readonly unknown[], callOptions?: OperationOptions) => {
      const kind = typeof name === 'string' ? KINDS_BY_NAME.get(name) : undefined;
      if (!kind) throw new TypeError(`graph.run knows no operation ${describeValue(name)}; the kinds are ${[...KINDS_BY_NAME.keys()].join(', ')}`);
      if (!Array.isArray(args)) throw new TypeError(`graph.run takes the arguments of ${name} as an array, not ${describeValue(args)}`);
      checkOperationOptions(`${name} options`, callOptions);
      return run(kind, args as never, callOptions) as Observable<OperationEvent<T>>;
    },
    resume: <T>(handle: OperationHandle, spec?: OperationSpec<unknown, T>, callOptions?: OperationOptions) =>
      defer(() => {
        if (spec !== undefined) checkOperationSpec(spec);
        checkOperationOptions('resume options', callOptions);
        const given = spec === undefined ? undefined : kindOfSpec(spec);
        return resumeOperation<T>(runtime, (h) => given ?? KINDS_BY_NAME.get(h.kind) ?? (h.model === 'default' ? defaultKind(h.kind) : undefined), handle, callOptions);
      }),
  };
}
