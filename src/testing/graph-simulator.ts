import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIPv6, type AddressInfo, type Socket } from 'node:net';
import { chaosFault, matches, seededRandom, type ArmedFault, type ChaosOptions, type Fault, type FaultAction } from './faults.js';
import { FamilyRoutes, type CustomOperationDefinition } from './simulator-families.js';
import { CensusRoutes } from './simulator-census.js';
import { Playback, ScriptedOperation, checkScript, drawDuration, type OperationInfo, type OperationScript } from './operation-script.js';
import { defaultScriptOf, isKnownKind, knownKinds, stateOf, unknownWordsOf, wordsOf, type UnknownWord } from './kind-words.js';
import { longRunningOperationStatus } from '../graph/models/long-running-operation.js';
import { isLoopbackAddress } from './loopback.js';
import { handleLogin, LOGIN_HOST, msalAuthOptions, type LoginState, type TokenGrant } from './login.js';

/**
 * One request the simulator received. It records whether a token came and
 * what the simulator made of it, never the token itself.
 *
 * @public
 */
export interface SimulatorRequest {
  /** Its number among all requests the simulator received, from 0 (it stays unique when older entries leave the log). */
  readonly seq: number;
  /** The request's HTTP method. */
  readonly method: string;
  /** `graph` (the API origin) or `monitor` (the drive monitor's second origin). */
  readonly origin: 'graph' | 'monitor';
  /** Path with query, as received. */
  readonly path: string;
  /** `none`, `valid`, `expired` or `invalid` (not a Bearer token). */
  readonly authorization: 'none' | 'valid' | 'expired' | 'invalid';
  /** For a token the simulator's sign-in issued: the user it was minted for (never the token itself). */
  readonly tokenUser?: string;
  /** For a token the simulator's sign-in issued: the scopes it was minted for. */
  readonly tokenScopes?: readonly string[];
  /** The `workbook-session-id` header, when the request sent one. */
  readonly sessionId?: string;
  /** The `Prefer` header, when the request sent one (`respond-async`). */
  readonly prefer?: string;
  /** Milliseconds since the simulator started, by its clock (`now`: real time unless you gave one). */
  readonly at: number;
  /** The status sent, once one was. */
  status?: number;
  /** True when the client went away before the answer was sent. */
  aborted: boolean;
  /** For a `stream` fault: the body bytes written before the client went away or the body ended. */
  bodyBytes?: number;
  /** True for a request the simulator made to itself to answer one item of a `$batch`: not a round trip of the client's. */
  readonly batchItem?: boolean;
}

/**
 * Something the simulator noticed about how it was set up that would make
 * a test unlike Graph: a script word the operation's status model does not
 * know (a client reads it as running for ever), or spells otherwise.
 *
 * @public
 */
export interface SimulatorWarning {
  /** The operation's kind or census type (`teams.clone`, `dataPolicyOperation`), or `custom` for `defineOperation`. */
  readonly kind: string;
  /** The word in question. */
  readonly word: string;
  /** The model's spelling of it, when only the case differs. */
  readonly spelled?: string;
  /** What is wrong, in a sentence naming the kind and the word. */
  readonly message: string;
}

/**
 * Options of {@link GraphSimulator}.
 *
 * @public
 */
export interface GraphSimulatorOptions {
  /**
   * Address to listen on: a loopback one (`127.0.0.0/8`, `::1`, `localhost`).
   * Any other (`0.0.0.0`, `::`, a LAN address, another name) is refused with
   * a TypeError unless `allowNonLoopback` is true: the simulator accepts any
   * token, issues tokens from its sign-in endpoints and has no TLS.
   * @defaultValue '127.0.0.1'
   */
  readonly host?: string;
  /**
   * Lets `host` be an address other machines can reach. Only on a network
   * you trust (a container's or a CI job's): anyone who reaches it gets
   * tokens and answers.
   * @defaultValue false
   */
  readonly allowNonLoopback?: boolean;
  /**
   * How many entries the request log (`requests`) keeps: past it the oldest
   * leave it, counted in `droppedRequests`, so a long run does not grow
   * memory without end. `Infinity` keeps them all.
   * @defaultValue 10000
   */
  readonly maxLoggedRequests?: number;
  /** Port of the Graph origin; 0 picks a free one. @defaultValue 0 */
  readonly port?: number;
  /** Port of the monitor origin (copy status); 0 picks a free one. @defaultValue 0 */
  readonly monitorPort?: number;
  /** Bearer tokens accepted; any other non-empty one is `invalid`. @defaultValue any non-empty token is valid */
  readonly validTokens?: readonly string[];
  /** Bearer tokens answered with 401 as expired. @defaultValue [] */
  readonly expiredTokens?: readonly string[];
  /**
   * How each operation plays out, as `setScript(fn)`. @defaultValue each
   * kind's own words, read from its status model: its running words, then
   * its first succeeded word, one per poll (a copy: `notStarted`,
   * `inProgress` at 25, 50, 75, `completed`)
   */
  readonly script?: (operation: OperationInfo) => OperationScript;
  /**
   * Scripts by kind or census type (`{ 'teams.clone': { statuses, durationMs } }`),
   * as `setScript(kind, script)`: they win over `script`. @defaultValue none
   */
  readonly scripts?: Readonly<Record<string, OperationScript>>;
  /**
   * The simulator's clock, in milliseconds: what scripts with a
   * `durationMs` play by and what the log's `at` reads. Give one your test
   * drives (a virtual scheduler's `now`) to play hour-long operations in no
   * time. @defaultValue `performance.now` (real time)
   */
  readonly now?: () => number;
  /** Seed of the generator named duration distributions draw from, so a run replays. @defaultValue 1 */
  readonly durationSeed?: number;
  /**
   * Told of each warning (a script word the kind does not know), once per
   * kind and word; also kept in `warnings`. @defaultValue `console.warn`
   */
  readonly onWarning?: (warning: SimulatorWarning) => void;
  /** Device-code sign-ins answer `authorization_pending` this many times before issuing tokens. @defaultValue 1 */
  readonly deviceCodePendingPolls?: number;
  /** Random faults on Graph and monitor requests (not sign-in), from a seed. @defaultValue none */
  readonly chaos?: ChaosOptions;
  /**
   * `POST /teams` for a group (`group@odata.bind`) answers 404 this many
   * times per group before it succeeds: Graph's replication delay for a
   * group made minutes ago. @defaultValue 0
   */
  readonly newGroupNotFound?: number;
}

/**
 * The network client msal-node calls (`system.networkClient`), structurally:
 * the simulator's one sends everything to itself over loopback.
 *
 * @public
 */
export interface SimulatorNetworkClient {
  /** msal-node's GET, answered by the simulator's identity platform. */
  sendGetRequestAsync<T>(url: string, options?: { headers?: Record<string, string>; body?: string }): Promise<{ headers: Record<string, string>; body: T; status: number }>;
  /** msal-node's POST, answered by the simulator's identity platform. */
  sendPostRequestAsync<T>(url: string, options?: { headers?: Record<string, string>; body?: string }): Promise<{ headers: Record<string, string>; body: T; status: number }>;
}

interface SimOperation {
  readonly id: string;
  readonly info: OperationInfo;
  readonly played: ScriptedOperation;
  /** What the operation produces, served at its result URL. */
  readonly result?: unknown;
  readonly resultPath?: string;
}

const FAILED_CHAIN = {
  code: 'internalServerError',
  message: 'An internal server error occurred while processing the request.',
  innerError: {
    code: 'internalServerErrorUncategorized',
    message: 'An unspecified error has occurred.',
    innerError: { code: 'GenericFileOpenError', message: 'The workbook cannot be opened.' },
  },
};

const ITEM = String.raw`(?:/me/drive|/drives/[^/]+|/users/[^/]+/drive|/sites/[^/]+/drive|/groups/[^/]+/drive)(?:/items/[^/:]+|/root:/[^:]+:)`;
const ROUTE = new RegExp(`^/(v1\\.0|beta)(${ITEM})(/.*)?$`);

/**
 * An embedded Microsoft Graph for tests and demos: a real HTTP server on
 * loopback that behaves like the Graph documents this library implements
 * (workbook sessions, table rows, DriveItem copy with a monitor on a second
 * origin), with a request log and fault injection.
 *
 * @example
 * ```ts
 * const sim = new GraphSimulator();
 * await sim.start();
 * const graph = createGraphClient({ baseUrl: sim.baseUrl, token: 'any-token' });
 * sim.inject({ method: 'POST', path: 'createSession', action: { kind: 'status', status: 504 } });
 * const session = await lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));
 * expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
 * await sim.stop();
 * ```
 * @public
 */
export class GraphSimulator {
  /**
   * The requests received, in order: the latest `maxLoggedRequests` (10,000
   * by default). `requestCount` counts them all, `droppedRequests` those
   * that left the log.
   */
  readonly requests: SimulatorRequest[] = [];
  /** What the simulator warned of (script words a kind does not know), in order, each kind and word once. */
  readonly warnings: SimulatorWarning[] = [];
  private readonly warned = new Set<string>();
  private received = 0;
  private dropped = 0;
  private readonly maxLogged: number;
  private readonly options: GraphSimulatorOptions;
  private readonly faults: ArmedFault[] = [];
  private readonly operations = new Map<string, SimOperation>();
  private readonly sessions = new Map<string, { persistChanges: boolean; closed: boolean; item: string; refreshes: number }>();
  private readonly tables = new Map<string, unknown[][]>();
  private readonly items = new Map<string, Record<string, unknown>>();
  private readonly sockets = new Set<Socket>();
  private readonly extraHeaders = new WeakMap<ServerResponse, Readonly<Record<string, string | readonly string[]>>>();
  private graphServer?: Server;
  private monitorServer?: Server;
  private startedAt = 0;
  private nextId = 1;
  private scriptFn: ((operation: OperationInfo) => OperationScript) | undefined;
  private readonly kindScripts = new Map<string, OperationScript>();
  private readonly clock: () => number;
  private readonly durationRandom: () => number;
  private readonly census: CensusRoutes;
  private readonly issued = new Map<string, { kind: 'access' | 'refresh' } & TokenGrant>();
  private readonly chaosRandom?: () => number;
  private readonly login: LoginState;
  private readonly families: FamilyRoutes;

  constructor(options: GraphSimulatorOptions = {}) {
    checkListenOptions(options);
    checkScriptOptions(options);
    this.options = options;
    this.maxLogged = options.maxLoggedRequests ?? DEFAULT_MAX_LOGGED_REQUESTS;
    this.clock = options.now ?? (() => performance.now());
    this.durationRandom = seededRandom(options.durationSeed ?? 1);
    // The host's getters read origins known only after start().
    const self = this;
    const host = {
      get graphOrigin() {
        return self.graphOrigin;
      },
      get monitorOrigin() {
        return self.monitorOrigin;
      },
      sendJson: (entry: { status?: number }, res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => this.sendJson(entry as SimulatorRequest, res, status, body, headers),
      sendError: (entry: { status?: number }, res: ServerResponse, status: number, code: string, message: string) => this.sendError(entry as SimulatorRequest, res, status, code, message),
      send: (entry: { status?: number }, res: ServerResponse, status: number, body: string | Buffer, headers?: Record<string, string>) => this.send(entry as SimulatorRequest, res, status, body, headers),
      newId: (prefix: string) => this.id(prefix),
      play: (info: OperationInfo, routeDefault?: { readonly statuses: readonly string[] }) => this.play(info, routeDefault),
      playback: (length: number, durationMs: number | undefined) => new Playback(length, this.clock, durationMs),
      accepted: (entry: { status?: number }, res: ServerResponse, fault: FaultAction | undefined, location: string, header: 'location' | 'operation-location', extra?: Record<string, string>) =>
        this.accepted(entry as SimulatorRequest, res, fault, location, header, extra),
    };
    this.families = new FamilyRoutes(host, options.newGroupNotFound ?? 0);
    this.census = new CensusRoutes(host);
    this.scriptFn = options.script;
    for (const [kind, script] of Object.entries(options.scripts ?? {})) this.setScript(kind, script);
    if (options.chaos) this.chaosRandom = seededRandom(options.chaos.seed);
    this.login = {
      issue: (kind, grant) => {
        const token = `sim-${kind}-${this.issued.size + 1}-${Math.random().toString(36).slice(2, 10)}`;
        this.issued.set(token, { kind, ...grant });
        return token;
      },
      refreshGrant: (token) => {
        const issued = this.issued.get(token);
        return issued?.kind === 'refresh' ? issued : undefined;
      },
      isAccessToken: (token) => this.issued.get(token)?.kind === 'access',
      deviceCodes: new Map(),
      authorizationCodes: new Map(),
      pendingPolls: options.deviceCodePendingPolls ?? 1,
    };
  }

  /**
   * msal-node configuration that keeps every sign-in request on this
   * simulator: spread `auth` into your `auth` options and pass
   * `networkClient` as `system.networkClient`.
   *
   * @example
   * ```ts
   * const { auth, networkClient } = sim.msalConfiguration();
   * const app = new PublicClientApplication({ auth: { clientId: 'my-app', ...auth }, system: { networkClient } });
   * ```
   */
  msalConfiguration(tenant = 'organizations'): {
    auth: { authority: string; knownAuthorities: string[]; authorityMetadata: string; cloudDiscoveryMetadata: string };
    networkClient: SimulatorNetworkClient;
  } {
    const forward = async <T>(method: 'GET' | 'POST', url: string, options: { headers?: Record<string, string>; body?: string } = {}) => {
      const target = new URL(url);
      if (target.hostname !== LOGIN_HOST) throw new Error(`the simulator's network client only reaches ${LOGIN_HOST}, not ${target.host}`);
      const response = await fetch(`${this.graphOrigin}${target.pathname}${target.search}`, {
        method,
        headers: options.headers ?? {},
        ...(method === 'POST' ? { body: options.body ?? '' } : {}),
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key] = value));
      return { headers, body: (await response.json()) as T, status: response.status };
    };
    return {
      auth: msalAuthOptions(tenant),
      networkClient: {
        sendGetRequestAsync: (url, options) => forward('GET', url, options),
        sendPostRequestAsync: (url, options) => forward('POST', url, options),
      },
    };
  }

  /** Origin of the Graph API, e.g. `http://127.0.0.1:40123`. */
  get graphOrigin(): string {
    return originOf(this.graphServer, this.options.host);
  }

  /** Origin of the monitor, which the client must never send a token to. */
  get monitorOrigin(): string {
    return originOf(this.monitorServer, this.options.host);
  }

  /** Base URL for `createGraphClient({ baseUrl })`: the Graph origin with `/v1.0`. */
  get baseUrl(): string {
    return `${this.graphOrigin}/v1.0`;
  }

  /** How many requests the simulator received since it was made, those that left the log included. */
  get requestCount(): number {
    return this.received;
  }

  /** How many of the oldest requests left the log to keep it at `maxLoggedRequests`. */
  get droppedRequests(): number {
    return this.dropped;
  }

  /** Starts both origins; resolves to the simulator itself (`const sim = await new GraphSimulator().start()`). */
  async start(): Promise<this> {
    this.startedAt = this.clock();
    const host = this.options.host ?? '127.0.0.1';
    this.graphServer = await listen(this.track(createServer((q, s) => this.handle('graph', q, s))), host, this.options.port ?? 0);
    this.monitorServer = await listen(this.track(createServer((q, s) => this.handle('monitor', q, s))), host, this.options.monitorPort ?? 0);
    return this;
  }

  /** Stops both origins, cutting any connection still open (hung requests included). */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all([close(this.graphServer), close(this.monitorServer)]);
    this.graphServer = undefined;
    this.monitorServer = undefined;
  }

  /** Arms a fault; the newest matching fault applies first. */
  inject(fault: Fault): this {
    this.faults.unshift({ fault, remaining: fault.times ?? 1 });
    return this;
  }

  /** Disarms every fault. */
  clearFaults(): this {
    this.faults.length = 0;
    return this;
  }

  /**
   * Plays a long-running operation of your own at `path` (under the version):
   * your spec's start request gets a 202 naming a status URL, and each poll
   * the next of your `steps` (or, with `durationMs`, the step its time has
   * come to). A step whose `status` (or `status.state`) is a word the
   * definition's `kind` (else `words`, else the default model of
   * `graph.operation({ request })`) does not know is a warning.
   * For testing custom specs over real HTTP.
   */
  defineOperation(definition: CustomOperationDefinition): this {
    if (!definition || (typeof definition.path !== 'string' && !(definition.path instanceof RegExp)) || !Array.isArray(definition.steps) || definition.steps.length === 0) {
      throw new TypeError('defineOperation needs a path (a string or RegExp) and at least one step');
    }
    const { durationMs, kind } = definition;
    if (durationMs !== undefined && !(typeof durationMs === 'number' && Number.isFinite(durationMs) && durationMs >= 0)) {
      throw new RangeError(`defineOperation durationMs must be a finite number of milliseconds of at least 0, not ${String(durationMs)}`);
    }
    if (kind !== undefined && (typeof kind !== 'string' || !isKnownKind(kind))) throw new TypeError(`defineOperation kind must be a kind or census type the library knows, not ${String(kind)}`);
    const words = definition.words ?? (kind !== undefined ? wordsOf({ kind }) : longRunningOperationStatus.words!);
    const said = definition.steps.map((step) => statusWordOf(step?.body)).filter((w): w is string => w !== undefined);
    if (words) this.warnUnknown(kind ?? 'custom', unknownWordsOf(words, said), kind === undefined && definition.words === undefined ? 'the default status model' : undefined);
    this.families.define(definition);
    return this;
  }

  /** A resource a family operation made or changed (`/teams/{id}`, `/external/connections/{id}/schema`, …), as the simulator holds it. */
  resource(path: string): Readonly<Record<string, unknown>> | undefined {
    return this.families.resource(path);
  }

  /**
   * How operations play out from now on: `setScript(fn)` replaces the
   * script function (`fn({ kind, item, type })` gives each operation its
   * script); `setScript(kind, script)` scripts one kind or census type
   * (`'teams.clone'`, `'dataPolicyOperation'`), winning over the function.
   * A word the kind's status model does not know is a warning (at once for
   * a kind's script, when an operation starts for the function's).
   *
   * @example
   * ```ts
   * sim.setScript('user.exportPersonalData', { statuses: ['notStarted', 'running', 'complete'], durationMs: 5_000, retryAfter: '1' });
   * ```
   */
  setScript(script: (operation: OperationInfo) => OperationScript): this;
  /**
   * Scripts one kind or census type (`'teams.clone'`, `'dataPolicyOperation'`),
   * winning over the script function; its words are checked at once.
   *
   * @example
   * ```ts
   * sim.setScript('backupRestore.activateRestoreSession', { statuses: ['activating', 'active', 'completedWithError'] });
   * ```
   */
  setScript(kind: string, script: OperationScript): this;
  setScript(fnOrKind: string | ((operation: OperationInfo) => OperationScript), script?: OperationScript): this {
    if (typeof fnOrKind === 'function') {
      this.scriptFn = fnOrKind;
      return this;
    }
    if (typeof fnOrKind !== 'string' || !isKnownKind(fnOrKind)) {
      throw new TypeError(`setScript takes a function, or a kind or census type the library knows (${knownKinds().join(', ')}), not ${String(fnOrKind)}`);
    }
    const checked = checkScript(`setScript('${fnOrKind}') script`, script);
    const words = wordsOf({ kind: fnOrKind });
    if (words) this.warnUnknown(fnOrKind, unknownWordsOf(words, checked.statuses));
    this.kindScripts.set(fnOrKind, checked);
    return this;
  }

  /**
   * The script an operation plays, started now: its kind's (or type's)
   * script, else the script function's, else the route's own default (a
   * file assessment that is done at once), else its kind's default words.
   * A function's script that is malformed, or whose duration cannot be
   * drawn, is a warning, and the default plays instead.
   */
  private play(info: OperationInfo, routeDefault?: { readonly statuses: readonly string[] }): ScriptedOperation {
    const fallback = (): OperationScript => (routeDefault ? { ...defaultScriptOf(info), ...routeDefault, percentages: routeDefault.statuses.map((_, i, all) => (all.length === 1 ? 100 : Math.round((100 * i) / (all.length - 1)))) } : defaultScriptOf(info));
    let script = this.kindScripts.get(info.kind) ?? (info.type !== undefined ? this.kindScripts.get(info.type) : undefined);
    if (!script && this.scriptFn) {
      try {
        script = checkScript(`the script of ${info.kind}`, this.scriptFn(info));
        const words = wordsOf(info);
        if (words) this.warnUnknown(info.kind, unknownWordsOf(words, script.statuses));
      } catch (error) {
        this.warn({ kind: info.kind, word: '', message: `${(error as Error).message}: the default script plays instead` });
        script = undefined;
      }
    }
    script ??= fallback();
    let durationMs: number | undefined;
    try {
      durationMs = drawDuration(script.durationMs, this.durationRandom);
    } catch (error) {
      this.warn({ kind: info.kind, word: '', message: `${(error as Error).message}: the operation plays by polls` });
    }
    return new ScriptedOperation(script, new Playback(script.statuses.length, this.clock, durationMs));
  }

  private warnUnknown(kind: string, unknown: readonly UnknownWord[], model = `${kind}'s status model`): void {
    for (const { word, spelled } of unknown) {
      const message =
        spelled === undefined
          ? `the script of ${kind} uses '${word}', a word ${model} does not know: a client reads it as still running`
          : `the script of ${kind} spells '${word}' where Graph sends '${spelled}'`;
      this.warn({ kind, word, ...(spelled !== undefined ? { spelled } : {}), message });
    }
  }

  private warn(warning: SimulatorWarning): void {
    const key = `${warning.kind}\u0000${warning.word}\u0000${warning.message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push(warning);
    if (this.options.onWarning) this.options.onWarning(warning);
    else console.warn(`GraphSimulator: ${warning.message}`);
  }

  /** The rows of a table as the simulator holds them (`item` as the client addressed it). */
  tableRows(item: string, table: string): readonly unknown[][] {
    return this.tables.get(`${item}|${table}`) ?? [];
  }

  /** A session's state: refresh count and whether it was closed. */
  session(id: string): { readonly persistChanges: boolean; readonly closed: boolean; readonly refreshes: number } | undefined {
    return this.sessions.get(id);
  }

  /** Ends a session as Graph does after idling: later calls in it get 404. */
  expireSession(id: string): void {
    this.sessions.delete(id);
  }

  private track(server: Server): Server {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return server;
  }

  private handle(origin: 'graph' | 'monitor', req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: SimulatorRequest = {
        seq: this.received++,
        method: req.method ?? 'GET',
        origin,
        path: req.url ?? '/',
        authorization: this.classifyToken(req.headers.authorization),
        ...this.grantOf(req.headers.authorization),
        ...(typeof req.headers['workbook-session-id'] === 'string' ? { sessionId: req.headers['workbook-session-id'] } : {}),
        ...(typeof req.headers.prefer === 'string' ? { prefer: req.headers.prefer } : {}),
        at: Math.round(this.clock() - this.startedAt),
        aborted: false,
        ...(req.headers['x-simulator-batch-item'] === '1' ? { batchItem: true } : {}),
      };
      this.log(entry);
      res.on('close', () => {
        if (!res.writableFinished) entry.aborted = true;
      });
      if (entry.method === 'OPTIONS') return this.preflight(entry, req, res);
      const body = Buffer.concat(chunks).toString('utf8');
      if (entry.method === 'POST' && /^\/(v1\.0|beta)\/\$batch(\?|$)/.test(entry.path) && entry.authorization === 'valid') {
        return this.batch(entry, req.headers.authorization!, Buffer.concat(chunks).toString('utf8'), res);
      }
      const fault = this.takeFault(entry);
      const startFault = fault?.kind === 'location' || fault?.kind === 'noLocation' ? fault : undefined;
      if (fault?.kind === 'headers') this.extraHeaders.set(res, fault.headers);
      this.withFault(fault, entry, res, () => this.route(entry, body, res, startFault, req.headers));
    });
  }

  private log(entry: SimulatorRequest): void {
    this.requests.push(entry);
    if (this.requests.length <= this.maxLogged) return;
    this.requests.shift();
    this.dropped++;
  }

  private takeFault(entry: SimulatorRequest): FaultAction | undefined {
    const armed = this.faults.find((a) => a.remaining > 0 && matches(a.fault, entry.method, entry.origin, entry.path));
    if (!armed) {
      const api = entry.origin === 'monitor' || /^\/(v1\.0|beta)\//.test(entry.path);
      return this.options.chaos && this.chaosRandom && api ? chaosFault(this.options.chaos, this.chaosRandom) : undefined;
    }
    armed.remaining--;
    return armed.fault.action;
  }

  private withFault(fault: FaultAction | undefined, entry: SimulatorRequest, res: ServerResponse, proceed: () => void): void {
    if (!fault || fault.kind === 'noLocation' || fault.kind === 'location' || fault.kind === 'headers') return proceed();
    switch (fault.kind) {
      case 'latency': {
        const timer = setTimeout(proceed, fault.ms);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'reset':
        res.socket?.destroy();
        return;
      case 'hang':
        return;
      case 'body':
        return this.send(entry, res, fault.status ?? 200, fault.body, { 'content-type': fault.contentType ?? 'application/json' });
      case 'status':
        return this.sendError(entry, res, fault.status, fault.code ?? defaultCode(fault.status), 'Injected fault.', fault.retryAfter);
      case 'stream':
        return this.stream(entry, res, fault);
    }
  }

  /** A body without Content-Length, chunk after chunk, until its total or until the client leaves. */
  private stream(entry: SimulatorRequest, res: ServerResponse, fault: Extract<FaultAction, { kind: 'stream' }>): void {
    const chunk = Buffer.from(fault.chunk ?? ' '.repeat(64 * 1024));
    const total = fault.totalBytes ?? Infinity;
    entry.status = 200;
    res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const next = (): void => {
      while (!res.destroyed && sent < total) {
        const piece = sent + chunk.length > total ? chunk.subarray(0, total - sent) : chunk;
        sent += piece.length;
        entry.bodyBytes = sent;
        const more = res.write(piece);
        if (fault.intervalMs) {
          timer = setTimeout(next, fault.intervalMs);
          return;
        }
        if (!more) {
          res.once('drain', next);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    res.on('close', () => clearTimeout(timer));
    next();
  }

  private route(entry: SimulatorRequest, body: string, res: ServerResponse, fault: FaultAction | undefined, headers: IncomingHttpHeaders): void {
    const url = new URL(entry.path, 'http://simulator');
    if (entry.origin === 'monitor') return this.monitor(entry, url, res);
    if (!/^\/(v1\.0|beta)\//.test(url.pathname)) {
      const params = entry.method === 'GET' ? url.searchParams : new URLSearchParams(body);
      const reply = handleLogin(this.login, entry.method, url.pathname, params, this.graphOrigin);
      if (reply?.redirect !== undefined) return this.send(entry, res, reply.status, '', { location: reply.redirect });
      if (reply) return this.sendJson(entry, res, reply.status, reply.body);
    }
    if (entry.authorization !== 'valid') {
      const code = 'InvalidAuthenticationToken';
      const message = entry.authorization === 'expired' ? 'Lifetime validation failed, the token is expired.' : 'Access token is empty or invalid.';
      return this.sendError(entry, res, 401, code, message);
    }
    // The item part is matched as sent: URLs the simulator hands back (Location,
    // resourceLocation) are built from it, still encoded, so a file named
    // 'a #1?%.xlsx' keeps its '#', '?' and '%' as name characters. Keys and
    // the rest of the path are decoded (clients encode quotes and spaces
    // differently: %27, %20).
    const versioned = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
    if (versioned && this.families.route(entry, versioned[1]!, safeDecode(versioned[2]!), parseBody(body), res, fault)) return;
    if (versioned && this.census.route(entry, versioned[1]!, safeDecode(versioned[2]!), url.searchParams, parseBody(body), headers, res, fault)) return;
    const match = ROUTE.exec(url.pathname);
    if (!match) return this.sendError(entry, res, 404, 'itemNotFound', 'The resource could not be found.');
    const [, version, rawItem, rawRest = ''] = match as unknown as [string, string, string, string | undefined];
    const item = safeDecode(rawItem);
    const rest = safeDecode(rawRest);
    const itemKey = item;
    const async = /respond-async/i.test(entry.prefer ?? '');
    const json = parseBody(body);
    const base = `${this.graphOrigin}/${version}${rawItem}`;

    if (entry.method === 'POST' && rest === '/workbook/createSession') {
      const persistChanges = json?.['persistChanges'] === true;
      const id = this.id('session');
      this.sessions.set(id, { persistChanges, closed: false, item: itemKey, refreshes: 0 });
      const info = { id, persistChanges };
      return this.startOperation(entry, res, fault, async, base, 201, { kind: 'createSession', item: itemKey }, info, 'sessionInfoResource');
    }
    if (entry.method === 'POST' && (rest === '/workbook/refreshSession' || rest === '/workbook/closeSession')) {
      const session = entry.sessionId ? this.sessions.get(entry.sessionId) : undefined;
      if (!session || session.closed) {
        return this.sendError(entry, res, 404, 'itemNotFound', 'The session was not found or has expired.', undefined, 'invalidSessionNotFound');
      }
      if (rest === '/workbook/refreshSession') session.refreshes++;
      else session.closed = true;
      return this.send(entry, res, 204, '');
    }
    const table = /^\/workbook\/tables\/([^/]+)\/rows(\/add)?$/.exec(rest);
    if (entry.method === 'POST' && table) {
      if (!this.sessionUsable(entry, res)) return;
      const values = json?.['values'];
      if (!Array.isArray(values)) return this.sendError(entry, res, 400, 'invalidArgument', 'values is required.');
      const rows = this.rowsOf(itemKey, table[1]!);
      const index = rows.length;
      rows.push(...(values as unknown[][]));
      const row = { index, values };
      return this.startOperation(entry, res, fault, async, base, 201, { kind: 'addTableRow', item: itemKey }, row, 'tableRowOperationResult');
    }
    const del = /^\/workbook\/tables\/([^/]+)\/rows(?:\/\$)?\/itemAt\(index=(\d+)\)$/.exec(rest);
    if (entry.method === 'DELETE' && del) {
      if (!this.sessionUsable(entry, res)) return;
      const rows = this.rowsOf(itemKey, del[1]!);
      const index = Number(del[2]);
      if (index >= rows.length) return this.sendError(entry, res, 404, 'itemNotFound', 'The row does not exist.');
      rows.splice(index, 1);
      return this.startOperation(entry, res, fault, async, base, 204, { kind: 'deleteTableRow', item: itemKey }, undefined, undefined);
    }
    if (entry.method === 'POST' && rest === '/copy') return this.startCopy(entry, res, fault, itemKey, json);
    if (entry.method === 'POST' && rest === '/assignSensitivityLabel') {
      if (typeof json?.['sensitivityLabelId'] !== 'string') return this.sendError(entry, res, 400, 'invalidRequest', 'sensitivityLabelId is required.');
      const id = this.id('label');
      const itemId = /\/items\/([^/:]+)$/.exec(item)?.[1] ?? 'root-item';
      const info: OperationInfo = { kind: 'assignSensitivityLabel', item: itemKey };
      const known = this.items.get(itemId);
      const labelled = { ...(known ?? { id: itemId, name: itemKey.split('/').pop() }), sensitivityLabel: { id: json['sensitivityLabelId'], assignmentMethod: json['assignmentMethod'] ?? 'standard' } };
      this.items.set(itemId, labelled);
      this.operations.set(id, { id, info, played: this.play(info), result: itemId });
      return this.accepted(entry, res, fault, `${this.monitorOrigin}/monitor/${id}`);
    }
    const op = /^\/workbook\/operations\/([^/]+)$/.exec(rest);
    if (entry.method === 'GET' && op) return this.workbookStatus(entry, res, op[1]!, base);
    const resultRoute = /^\/workbook\/(sessionInfoResource|tableRowOperationResult)\(key='([^']+)'\)$/.exec(rest);
    if (entry.method === 'GET' && resultRoute) {
      const found = this.operations.get(resultRoute[2]!);
      if (!found || found.resultPath !== resultRoute[1]) return this.sendError(entry, res, 404, 'itemNotFound', 'No such result.');
      return this.sendJson(entry, res, 200, found.result);
    }
    if (entry.method === 'GET' && rest === '') {
      const id = /\/items\/([^/:]+)$/.exec(item)?.[1];
      const known = id ? this.items.get(id) : undefined;
      return this.sendJson(entry, res, 200, known ?? { id: id ?? 'root-item', name: itemKey.split('/').pop() });
    }
    return this.sendError(entry, res, 404, 'itemNotFound', 'The resource could not be found.');
  }

  /**
   * Graph's JSON batching: up to 20 requests with relative URLs, each
   * answered with its own status, headers and body. Each item is played by
   * sending it to this same server (marked, so the log can tell items from
   * the client's round trips), so faults, scripts and throttling apply to
   * items as they do to single requests.
   */
  private batch(entry: SimulatorRequest, authorization: string, body: string, res: ServerResponse): void {
    const requests = (parseBody(body)?.['requests'] ?? undefined) as unknown;
    if (!Array.isArray(requests) || requests.length === 0) return this.sendError(entry, res, 400, 'BadRequest', 'Invalid batch payload format.');
    if (requests.length > 20) return this.sendError(entry, res, 400, 'BadRequest', 'Number of requests exceeds the limit of 20.');
    const version = /^\/(v1\.0|beta)\//.exec(entry.path)![1]!;
    void Promise.all(
      (requests as Record<string, unknown>[]).map(async (item) => {
        const id = typeof item?.['id'] === 'string' ? item['id'] : '';
        const url = typeof item?.['url'] === 'string' ? item['url'] : '';
        const method = typeof item?.['method'] === 'string' ? item['method'].toUpperCase() : 'GET';
        if (!id || /^[a-z][a-z0-9+.-]*:/i.test(url) || url === '') {
          return { id, status: 400, body: { error: { code: 'BadRequest', message: 'Batch requests take relative URLs.' } } };
        }
        const headers = { ...(item['headers'] as Record<string, string> | undefined), authorization, 'x-simulator-batch-item': '1' };
        try {
          const answer = await fetch(`${this.graphOrigin}/${version}${url.startsWith('/') ? url : `/${url}`}`, { method, headers });
          const text = await answer.text();
          const kept: Record<string, string> = {};
          for (const name of ['location', 'operation-location', 'retry-after', 'content-type']) {
            const value = answer.headers.get(name);
            if (value !== null) kept[name] = value;
          }
          let parsed: unknown = text;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            // not JSON: passed on as text
          }
          return { id, status: answer.status, headers: kept, ...(parsed !== undefined ? { body: parsed } : {}) };
        } catch {
          return { id, status: 502, body: { error: { code: 'BadGateway', message: 'The item could not be played.' } } };
        }
      }),
    ).then((responses) => this.sendJson(entry, res, 200, { responses }));
  }

  private startOperation(
    entry: SimulatorRequest,
    res: ServerResponse,
    fault: FaultAction | undefined,
    async: boolean,
    base: string,
    syncStatus: number,
    info: OperationInfo,
    result: unknown,
    resultPath: string | undefined,
  ): void {
    // A Location fault makes the start asynchronous even without Prefer.
    if (!async && !fault) {
      return syncStatus === 204 ? this.send(entry, res, 204, '') : this.sendJson(entry, res, syncStatus, result);
    }
    const id = this.id('op');
    this.operations.set(id, { id, info, played: this.play(info), result, ...(resultPath ? { resultPath } : {}) });
    this.accepted(entry, res, fault, `${base}/workbook/operations/${id}`);
  }

  private accepted(
    entry: SimulatorRequest,
    res: ServerResponse,
    fault: FaultAction | undefined,
    location: string,
    header: 'location' | 'operation-location' = 'location',
    extra: Record<string, string> = {},
  ): void {
    const headers: Record<string, string | readonly string[]> = { ...extra };
    if (fault?.kind === 'location') headers[header] = fault.location;
    else if (fault?.kind !== 'noLocation') headers[header] = location;
    this.send(entry, res, 202, '', headers);
  }

  private workbookStatus(entry: SimulatorRequest, res: ServerResponse, id: string, base: string): void {
    const op = this.operations.get(id);
    if (!op) return this.sendError(entry, res, 404, 'itemNotFound', 'The operation was not found.');
    const { word: status } = op.played.read();
    const body: Record<string, unknown> = { id, status };
    const state = stateOf(op.info, status);
    if (state === 'succeeded' && op.resultPath) body['resourceLocation'] = `${base}/workbook/${op.resultPath}(key='${id}')`;
    if (state === 'failed') body['error'] = op.played.script.error ?? FAILED_CHAIN;
    this.sendJson(entry, res, 200, body);
  }

  private startCopy(entry: SimulatorRequest, res: ServerResponse, fault: FaultAction | undefined, item: string, json: Record<string, unknown> | undefined): void {
    const id = this.id('copy');
    const newId = `01COPY${String(this.nextId).padStart(6, '0')}`;
    const parent = (json?.['parentReference'] ?? {}) as Record<string, unknown>;
    const name = typeof json?.['name'] === 'string' ? json['name'] : `Copy of ${item.split('/').pop()}`;
    this.items.set(newId, { id: newId, name, parentReference: { ...(typeof parent['driveId'] === 'string' ? { driveId: parent['driveId'] } : {}) } });
    this.operations.set(id, { id, info: { kind: 'copy', item }, played: this.play({ kind: 'copy', item }), result: newId });
    this.accepted(entry, res, fault, `${this.monitorOrigin}/monitor/${id}`);
  }

  private monitor(entry: SimulatorRequest, url: URL, res: ServerResponse): void {
    if (this.census.blob(entry, url, res)) return;
    const id = /^\/monitor\/([^/]+)$/.exec(url.pathname)?.[1];
    const op = id ? this.operations.get(id) : undefined;
    if (!op) return this.sendError(entry, res, 404, 'itemNotFound', 'No such job.');
    const { word: status, percentage: pct } = op.played.read();
    const body: Record<string, unknown> = { operation: op.info.kind === 'copy' ? 'ItemCopy' : 'AssignSensitivityLabel', status };
    if (pct !== undefined) body['percentageComplete'] = pct;
    const state = stateOf(op.info, status);
    if (state === 'succeeded') body['resourceId'] = op.result;
    if (state === 'failed') body['error'] = op.played.script.error ?? { code: 'nameAlreadyExists', message: 'An item with that name already exists.' };
    // As in the docs: the monitor answers 202 whatever the status.
    this.sendJson(entry, res, 202, body);
  }

  private sessionUsable(entry: SimulatorRequest, res: ServerResponse): boolean {
    if (!entry.sessionId) return true;
    const session = this.sessions.get(entry.sessionId);
    if (session && !session.closed) return true;
    this.sendError(entry, res, 404, 'itemNotFound', 'The session was not found or has expired.', undefined, 'invalidSessionNotFound');
    return false;
  }

  private rowsOf(item: string, table: string): unknown[][] {
    const key = `${item}|${table}`;
    let rows = this.tables.get(key);
    if (!rows) this.tables.set(key, (rows = []));
    return rows;
  }

  private classifyToken(header: string | undefined): SimulatorRequest['authorization'] {
    if (!header) return 'none';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (!token) return 'invalid';
    if (this.options.expiredTokens?.includes(token)) return 'expired';
    if (this.login.isAccessToken(token)) return 'valid';
    if (this.options.validTokens && !this.options.validTokens.includes(token)) return 'invalid';
    return 'valid';
  }

  private grantOf(header: string | undefined): { tokenUser?: string; tokenScopes?: readonly string[] } {
    const token = header && /^Bearer (.+)$/.exec(header)?.[1];
    const issued = token ? this.issued.get(token) : undefined;
    return issued?.kind === 'access' ? { tokenUser: issued.user, tokenScopes: issued.scopes } : {};
  }

  private id(prefix: string): string {
    return `${prefix}-${this.nextId++}`;
  }

  private preflight(entry: SimulatorRequest, req: IncomingMessage, res: ServerResponse): void {
    entry.status = 204;
    // The sign-in endpoints take what MSAL Browser sends (its own client
    // headers come and go between versions); Graph's take what Graph does.
    const signIn = !/^\/(v1\.0|beta)\//.test(new URL(entry.path, 'http://simulator').pathname);
    const requested = req.headers['access-control-request-headers'];
    res.writeHead(204, {
      ...CORS,
      'access-control-allow-methods': 'GET, POST, DELETE, PATCH, OPTIONS',
      'access-control-allow-headers': signIn && typeof requested === 'string' ? requested : 'authorization, content-type, prefer, workbook-session-id',
      'access-control-max-age': '600',
    });
    res.end();
  }

  private sendError(entry: SimulatorRequest, res: ServerResponse, status: number, code: string, message: string, retryAfter?: string, innerCode?: string): void {
    const innerError: Record<string, unknown> = { date: new Date().toISOString(), 'request-id': `req-${entry.seq}` };
    if (innerCode) innerError['code'] = innerCode;
    this.sendJson(entry, res, status, { error: { code, message, innerError } }, retryAfter !== undefined ? { 'retry-after': retryAfter } : {});
  }

  private sendJson(entry: SimulatorRequest, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.send(entry, res, status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
  }

  private send(entry: SimulatorRequest, res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string | readonly string[]> = {}): void {
    if (res.destroyed || res.writableEnded) return;
    entry.status = status;
    // As Graph does for its JSON answers: a Content-Length, not a chunked body.
    const length = { 'content-length': String(Buffer.byteLength(body)) };
    res.writeHead(status, { ...CORS, ...length, ...headers, ...this.extraHeaders.get(res) } as Record<string, string | string[]>);
    res.end(body);
  }
}

// Browsers must be able to read Location and Retry-After from a cross-origin answer.
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Location, Operation-Location, Content-Location, Retry-After',
};

/** The status word of a status document: its `status`, or `status.state` (a print operation's). */
function statusWordOf(body: unknown): string | undefined {
  const status = typeof body === 'object' && body !== null ? (body as { status?: unknown }).status : undefined;
  const word = typeof status === 'object' && status !== null ? (status as { state?: unknown }).state : status;
  return typeof word === 'string' ? word : undefined;
}

function checkScriptOptions(options: GraphSimulatorOptions): void {
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('GraphSimulator now must be a function giving milliseconds');
  if (options.onWarning !== undefined && typeof options.onWarning !== 'function') throw new TypeError('GraphSimulator onWarning must be a function');
  if (options.script !== undefined && typeof options.script !== 'function') throw new TypeError('GraphSimulator script must be a function of the operation');
  if (options.durationSeed !== undefined && !Number.isFinite(options.durationSeed)) throw new RangeError(`GraphSimulator durationSeed must be a number, not ${String(options.durationSeed)}`);
  if (options.scripts !== undefined && (typeof options.scripts !== 'object' || options.scripts === null)) throw new TypeError('GraphSimulator scripts must be an object of scripts by kind');
}

function defaultCode(status: number): string {
  return (
    { 400: 'invalidRequest', 401: 'InvalidAuthenticationToken', 404: 'itemNotFound', 429: 'TooManyRequests', 500: 'generalException', 503: 'serviceNotAvailable', 504: 'gatewayTimeout' }[status] ??
    'generalException'
  );
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function parseBody(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function originOf(server: Server | undefined, host = '127.0.0.1'): string {
  const address = server?.address() as AddressInfo | null | undefined;
  if (!address) throw new Error('the simulator is not started: await sim.start() first');
  return `http://${isIPv6(host) ? `[${host}]` : host}:${address.port}`;
}

const DEFAULT_MAX_LOGGED_REQUESTS = 10_000;

function checkListenOptions(options: GraphSimulatorOptions): void {
  const { host, allowNonLoopback, maxLoggedRequests } = options;
  if (allowNonLoopback !== undefined && typeof allowNonLoopback !== 'boolean') {
    throw new TypeError(`GraphSimulator allowNonLoopback must be a boolean, not ${typeof allowNonLoopback}`);
  }
  if (host !== undefined && (typeof host !== 'string' || host === '')) throw new TypeError('GraphSimulator host must be a non-empty string');
  if (host !== undefined && allowNonLoopback !== true && !isLoopbackAddress(host)) {
    throw new TypeError(
      `GraphSimulator host '${host}' is not a loopback address (127.0.0.0/8, ::1, localhost): other machines could reach a server that accepts any token. Pass allowNonLoopback: true to listen there.`,
    );
  }
  if (maxLoggedRequests !== undefined && !(maxLoggedRequests === Infinity || (Number.isSafeInteger(maxLoggedRequests) && maxLoggedRequests >= 0))) {
    throw new RangeError(`GraphSimulator maxLoggedRequests must be a whole number of at least 0, or Infinity, not ${String(maxLoggedRequests)}`);
  }
}

function listen(server: Server, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function close(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
