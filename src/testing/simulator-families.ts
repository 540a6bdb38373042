import type { ServerResponse } from 'node:http';
import type { FaultAction } from './faults.js';
import { Playback, ScriptedOperation, type OperationInfo } from './operation-script.js';
import { stateOf } from './kind-words.js';

/**
 * A custom long-running operation the simulator plays, for testing your own
 * specs without a hand-written fake fetch: where it starts, which header
 * names its status URL, and the status documents successive polls get (the
 * last one repeats). In any string of a document, `{{result}}` becomes the
 * URL of `result` and `{{operation}}` the status URL.
 *
 * @example
 * ```ts
 * sim.defineOperation({
 *   method: 'POST',
 *   path: /^\/reports\/[^/]+\/render$/,
 *   statusHeader: 'operation-location',
 *   steps: [{ body: { state: 'queued' } }, { body: { state: 'rendering', pct: 40 }, headers: { 'retry-after': '2' } }, { body: { state: 'done', href: '{{result}}' } }],
 *   result: { url: 'https://contoso/report.pdf' },
 * });
 * ```
 * @public
 */
export interface CustomOperationDefinition {
  /** Only requests with this method start the operation. @defaultValue 'POST' */
  readonly method?: string;
  /** The path after the version (`/reports/7/render`): a prefix string or a pattern. */
  readonly path: string | RegExp;
  /** Which header of the 202 names the status URL. @defaultValue 'location' */
  readonly statusHeader?: 'location' | 'operation-location';
  /** Other headers of the 202 (`retry-after`, `content-location`). @defaultValue none */
  readonly acceptedHeaders?: Readonly<Record<string, string>>;
  /** What successive polls get: a JSON body, and optionally a status code (200) and headers. */
  readonly steps: readonly { readonly body: unknown; readonly status?: number; readonly headers?: Readonly<Record<string, string>> }[];
  /** Served (200, JSON) at the URL `{{result}}` stands for. @defaultValue none */
  readonly result?: unknown;
  /**
   * Plays the steps by the simulator's clock rather than one per poll: the
   * last step once this many milliseconds have passed since the start, the
   * others sharing the time before it. @defaultValue none: one step per poll
   */
  readonly durationMs?: number;
  /**
   * The kind (`teams.clone`) or census type (`dataPolicyOperation`) whose
   * status words the steps' `status` (or `status.state`) must be: a word it
   * does not know is a warning. @defaultValue the words of the model
   * `graph.operation({ request })` reads with when given none
   */
  readonly kind?: string;
  /** The status words your own status model knows, when the steps speak words no Graph resource does. @defaultValue see `kind` */
  readonly words?: { readonly running: readonly string[]; readonly succeeded: readonly string[]; readonly failed: readonly string[] };
}

/** What the family routes need of the simulator. */
export interface FamilyHost {
  readonly graphOrigin: string;
  readonly monitorOrigin: string;
  sendJson(entry: { status?: number }, res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void;
  sendError(entry: { status?: number }, res: ServerResponse, status: number, code: string, message: string): void;
  newId(prefix: string): string;
  /** The script an operation plays, resolved (per-kind scripts, the script function, its kind's default) and started now. */
  play(info: OperationInfo, routeDefault?: { readonly statuses: readonly string[] }): ScriptedOperation;
  /** A playback of `length` steps started now, by polls or over `durationMs`. */
  playback(length: number, durationMs: number | undefined): Playback;
  accepted(entry: { status?: number }, res: ServerResponse, fault: FaultAction | undefined, location: string, header: 'location' | 'operation-location', extra?: Record<string, string>): void;
}

type FamilyName = 'teams' | 'rich' | 'onenote' | 'connection' | 'case' | 'engage' | 'custom';

/** The census type each family's operations are, for their words. */
const FAMILY_TYPES: Readonly<Record<Exclude<FamilyName, 'custom'>, string>> = {
  teams: 'teamsAsyncOperation',
  rich: 'richLongRunningOperation',
  onenote: 'operation',
  connection: 'externalConnectors.connectionOperation',
  case: 'security.caseOperation',
  engage: 'engagementAsyncOperation',
};

interface FamilyOperation {
  readonly family: FamilyName;
  readonly kind: string;
  readonly played?: ScriptedOperation;
  readonly steps?: Playback;
  /** Where the resource is once done (absolute), and its id. */
  readonly resourceUrl?: string;
  readonly resourceId?: string;
  readonly action?: string;
  /** Applied to the simulator's state when the operation succeeds (a team archived…). */
  readonly onSuccess?: () => void;
  readonly custom?: CustomOperationDefinition;
  readonly customResultUrl?: string;
  readonly statusUrl: string;
  done: boolean;
}

const OPERATION_ERROR = { code: 'generalException', message: 'The operation failed.', innerError: { code: 'operationFailed', message: 'Injected by the script.' } };

/**
 * The simulator's Graph families beyond the drive: Teams, OneNote,
 * SharePoint content types, Search connectors, eDiscovery, Viva Engage, and
 * custom operations. Each speaks its family's headers and status words.
 */
export class FamilyRoutes {
  private readonly operations = new Map<string, FamilyOperation>();
  private readonly resources = new Map<string, Record<string, unknown>>();
  private readonly custom: CustomOperationDefinition[] = [];
  private readonly groupAttempts = new Map<string, number>();

  constructor(
    private readonly host: FamilyHost,
    /** A team made from a group answers 404 this many times first (Graph's replication delay). */
    private readonly newGroupNotFound: number,
  ) {}

  define(definition: CustomOperationDefinition): void {
    this.custom.push(definition);
  }

  resource(path: string): Readonly<Record<string, unknown>> | undefined {
    return this.resources.get(path);
  }

  /** Answers the request if it is one of the families'; false leaves it to the drive routes. */
  route(entry: { status?: number; method: string }, version: string, path: string, json: Record<string, unknown> | undefined, res: ServerResponse, fault: FaultAction | undefined): boolean {
    const root = `${this.host.graphOrigin}/${version}`;
    const method = entry.method;
    const custom = this.custom.find((d) => (d.method ?? 'POST') === method && (typeof d.path === 'string' ? path.startsWith(d.path) : d.path.test(path)));
    if (custom) { this.startCustom(entry, root, custom, res, fault); return true; }
    const sim = /^\/simulator\/(operations|results)\/([^/]+)$/.exec(path);
    if (sim && method === 'GET') {
      const op = this.operations.get(sim[2]!);
      if (!op?.custom) { this.host.sendError(entry, res, 404, 'itemNotFound', 'No such operation.'); return true; }
      if (sim[1] === 'results') { this.host.sendJson(entry, res, 200, op.custom.result); return true; }
      { this.customStatus(entry, op, res); return true; }
    }
    // Teams: OData keys or slashes, as clients write them.
    const teamsPath = path.replace(/^\/teams\('([^']+)'\)/, '/teams/$1').replace(/\/operations\('([^']+)'\)$/, '/operations/$1');
    let m: RegExpExecArray | null;
    if (method === 'POST' && teamsPath === '/teams') { this.createTeam(entry, root, json, res, fault, 'teams.create'); return true; }
    if ((m = /^\/teams\/([^/]+)\/(clone|archive|unarchive)$/.exec(teamsPath)) && method === 'POST') { this.teamAction(entry, root, m[1]!, m[2]!, json, res, fault); return true; }
    if ((m = /^\/teams\/([^/]+)\/channels$/.exec(teamsPath)) && method === 'POST') {
      const team = this.resources.get(`/teams/${m[1]}`);
      if (!team) { this.host.sendError(entry, res, 404, 'NotFound', 'No team found with Group Id.'); return true; }
      const id = this.host.newId('19:channel');
      const channel = { id, displayName: json?.['displayName'], membershipType: json?.['membershipType'] ?? 'standard' };
      this.resources.set(`/teams/${m[1]}/channels/${id}`, channel);
      { this.host.sendJson(entry, res, 201, channel); return true; }
    }
    if ((m = /^\/teams\/([^/]+)\/operations\/([^/]+)$/.exec(teamsPath)) && method === 'GET') { this.status(entry, m[2]!, res); return true; }
    // OneNote
    if ((m = /^(\/(?:me|(?:users|groups|sites)\/[^/]+))\/onenote\/(notebooks|sections)\/([^/]+)\/(copyNotebook|copyToNotebook|copyToSectionGroup)$/.exec(path)) && method === 'POST') {
      const [, owner, , , action] = m as unknown as [string, string, string, string, string];
      const notebook = action === 'copyNotebook';
      const newId = this.host.newId(notebook ? '1-notebook' : '1-section');
      const resourcePath = `${owner}/onenote/${notebook ? 'notebooks' : 'sections'}/${newId}`;
      this.resources.set(resourcePath, { id: newId, displayName: json?.['renameAs'] ?? (notebook ? 'Notebook (copy)' : 'Section (copy)') });
      { this.start(entry, res, fault, 'onenote', `onenote.${notebook ? 'copyNotebook' : 'copySection'}`, `${root}${owner}/onenote/operations`, 'operation-location', `${root}${resourcePath}`, newId); return true; }
    }
    if ((m = /^\/(?:me|(?:users|groups|sites)\/[^/]+)\/onenote\/operations\/([^/]+)$/.exec(path)) && method === 'GET') { this.status(entry, m[1]!, res); return true; }
    // SharePoint content types from the hub
    if ((m = /^(\/sites\/[^/]+)\/contentTypes\/addCopyFromContentTypeHub$/.exec(path)) && method === 'POST') {
      const contentTypeId = String(json?.['contentTypeId'] ?? '');
      if (!contentTypeId) { this.host.sendError(entry, res, 400, 'invalidRequest', 'contentTypeId is required.'); return true; }
      const resourcePath = `${m[1]}/contentTypes/${contentTypeId}`;
      // Graph answers 200 at once when the content type is already in the site.
      const existing = this.resources.get(resourcePath);
      if (existing) { this.host.sendJson(entry, res, 200, existing); return true; }
      this.resources.set(resourcePath, { id: contentTypeId, name: `Hub type ${contentTypeId}`, isInherited: false });
      { this.start(entry, res, fault, 'rich', 'site.copyContentTypeFromHub', `${root}${m[1]}/operations`, 'location', `${root}${resourcePath}`, contentTypeId); return true; }
    }
    if ((m = /^\/sites\/[^/]+\/operations\/([^/]+)$/.exec(path)) && method === 'GET') { this.status(entry, m[1]!, res); return true; }
    if ((m = /^\/sites\/[^/]+\/contentTypes\/[^/]+$/.exec(path)) && method === 'GET') { this.read(entry, path, res); return true; }
    // Search connectors
    if ((m = /^(\/external\/connections\/[^/]+)\/schema$/.exec(path))) {
      if (method === 'GET') { this.read(entry, path, res); return true; }
      if (method === 'PATCH') {
        const schema = { baseType: json?.['baseType'], properties: json?.['properties'] };
        const op = this.start(entry, res, fault, 'connection', 'externalConnection.updateSchema', `${root}${m[1]}/operations`, 'location', undefined, undefined);
        this.patch(op, () => this.resources.set(path, schema));
        return true;
      }
    }
    if ((m = /^\/external\/connections\/[^/]+\/operations\/([^/]+)$/.exec(path)) && method === 'GET') { this.status(entry, m[1]!, res); return true; }
    // eDiscovery
    if ((m = /^(\/security\/cases\/ediscoveryCases\/[^/]+)\/(?:searches|reviewSets)\/[^/]+\/(estimateStatistics|purgeData|exportResult|exportReport|addToReviewSet)$/.exec(path)) && method === 'POST') {
      this.start(entry, res, fault, 'case', `ediscovery.${m[2]}`, `${root}${m[1]}/operations`, 'location', undefined, undefined, m[2]);
      return true;
    }
    if ((m = /^\/security\/cases\/ediscoveryCases\/[^/]+\/operations\/([^/]+)$/.exec(path)) && method === 'GET') { this.status(entry, m[1]!, res); return true; }
    // Viva Engage
    if (path === '/employeeExperience/communities' && method === 'POST') {
      const id = this.host.newId('community');
      this.resources.set(`/employeeExperience/communities/${id}`, { id, displayName: json?.['displayName'], privacy: json?.['privacy'] ?? 'public' });
      this.start(entry, res, fault, 'engage', 'engage.createCommunity', `${root}/employeeExperience/engagementAsyncOperations`, 'operation-location', `${root}/employeeExperience/communities/${id}`, id);
      return true;
    }
    if ((m = /^\/employeeExperience\/engagementAsyncOperations\/([^/]+)$/.exec(path)) && method === 'GET') { this.status(entry, m[1]!, res); return true; }
    if (method === 'GET' && (/^\/teams\/[^/]+(\/channels\/[^/]+)?$/.test(teamsPath) || /^\/employeeExperience\/communities\/[^/]+$/.test(path) || /\/onenote\/(notebooks|sections)\/[^/]+$/.test(path))) {
      { this.read(entry, teamsPath, res); return true; }
    }
    return false;
  }

  private read(entry: { status?: number }, path: string, res: ServerResponse): void {
    const found = this.resources.get(path);
    if (!found) return this.host.sendError(entry, res, 404, 'itemNotFound', 'The resource could not be found.');
    this.host.sendJson(entry, res, 200, found);
  }

  private createTeam(entry: { status?: number }, root: string, json: Record<string, unknown> | undefined, res: ServerResponse, fault: FaultAction | undefined, kind: string): void {
    const group = typeof json?.['group@odata.bind'] === 'string' ? (json['group@odata.bind'] as string) : undefined;
    if (group) {
      // A group made minutes ago is not visible to Teams yet.
      const attempts = (this.groupAttempts.get(group) ?? 0) + 1;
      this.groupAttempts.set(group, attempts);
      if (attempts <= this.newGroupNotFound) return this.host.sendError(entry, res, 404, 'NotFound', 'Failed to execute Templates backend request CreateTeamFromGroupWithTemplateRequest. Group not found.');
    }
    const id = this.host.newId('team');
    this.resources.set(`/teams/${id}`, { id, displayName: json?.['displayName'] ?? 'Team', isArchived: false });
    this.teamOperation(entry, root, id, kind, res, fault);
  }

  private teamAction(entry: { status?: number }, root: string, teamId: string, action: string, json: Record<string, unknown> | undefined, res: ServerResponse, fault: FaultAction | undefined): void {
    const team = this.resources.get(`/teams/${teamId}`);
    if (!team) return this.host.sendError(entry, res, 404, 'NotFound', 'No team found with Group Id.');
    if (action === 'clone') {
      const id = this.host.newId('team');
      this.resources.set(`/teams/${id}`, { id, displayName: json?.['displayName'], description: json?.['description'], isArchived: false, clonedFrom: teamId, parts: json?.['partsToClone'] });
      this.teamOperation(entry, root, id, 'teams.clone', res, fault);
      return;
    }
    const op = this.teamOperation(entry, root, teamId, `teams.${action}`, res, fault);
    this.patch(op, () => (team['isArchived'] = action === 'archive'));
  }

  private teamOperation(entry: { status?: number }, root: string, teamId: string, kind: string, res: ServerResponse, fault: FaultAction | undefined): FamilyOperation {
    // As Graph writes them: relative, with OData keys; Content-Location names the team.
    const op = this.register('teams', kind, `${root}/teams('${teamId}')/operations`, `/teams('${teamId}')`, teamId);
    const relative = `/teams('${teamId}')/operations('${op.statusUrl.split('/').pop()}')`;
    this.host.accepted(entry, res, fault, relative, 'location', { 'content-location': `/teams('${teamId}')` });
    return op;
  }

  private start(
    entry: { status?: number },
    res: ServerResponse,
    fault: FaultAction | undefined,
    family: Exclude<FamilyName, 'custom'>,
    kind: string,
    operations: string,
    header: 'location' | 'operation-location',
    resourceUrl: string | undefined,
    resourceId: string | undefined,
    action?: string,
  ): FamilyOperation {
    const op = this.register(family, kind, operations, resourceUrl, resourceId, action);
    this.host.accepted(entry, res, fault, op.statusUrl, header);
    return op;
  }

  private register(family: Exclude<FamilyName, 'custom'>, kind: string, operations: string, resourceUrl: string | undefined, resourceId: string | undefined, action?: string): FamilyOperation {
    const id = this.host.newId('op');
    const op: FamilyOperation = {
      family,
      kind,
      played: this.host.play({ kind, item: resourceUrl ?? kind, type: FAMILY_TYPES[family] }),
      ...(resourceUrl !== undefined ? { resourceUrl } : {}),
      ...(resourceId !== undefined ? { resourceId } : {}),
      ...(action !== undefined ? { action } : {}),
      statusUrl: `${operations}/${id}`,
      done: false,
    };
    this.operations.set(id, op);
    return op;
  }

  private patch(op: FamilyOperation, onSuccess: () => void): void {
    (op as { onSuccess?: () => void }).onSuccess = onSuccess;
  }

  private status(entry: { status?: number }, id: string, res: ServerResponse): void {
    const op = this.operations.get(id);
    if (!op?.played || op.family === 'custom') return this.host.sendError(entry, res, 404, 'itemNotFound', 'The operation was not found.');
    const { word, percentage: pct } = op.played.read();
    const state = stateOf({ kind: op.kind, type: FAMILY_TYPES[op.family] }, word);
    const succeeded = state === 'succeeded';
    const failed = state === 'failed';
    if (succeeded && !op.done) {
      op.done = true;
      op.onSuccess?.();
    }
    const error = op.played.script.error ?? OPERATION_ERROR;
    const body: Record<string, unknown> = { id, status: word };
    switch (op.family) {
      case 'teams':
        Object.assign(body, { operationType: op.kind.split('.')[1], attemptsCount: 1, targetResourceId: op.resourceId, targetResourceLocation: op.resourceUrl });
        break;
      case 'onenote':
        if (pct !== undefined) body['percentComplete'] = `${pct}.0`;
        if (succeeded) Object.assign(body, { resourceId: op.resourceId, resourceLocation: op.resourceUrl });
        break;
      case 'case':
        Object.assign(body, { action: op.action, percentProgress: pct ?? (succeeded ? 100 : 0) });
        if (op.action === 'estimateStatistics' && succeeded) Object.assign(body, { indexedItemCount: 1200, indexedItemsSize: 5_400_000, mailboxCount: 12, siteCount: 3 });
        if (/^partiallySucceeded$/i.test(word)) body['resultInfo'] = { code: 1, message: 'Some locations could not be searched.' };
        if (failed) body['resultInfo'] = { code: 500, message: (error as { message?: string }).message ?? 'failed' };
        break;
      default:
        // Only richLongRunningOperation reports progress; connectors and Viva Engage do not.
        if (pct !== undefined && op.family === 'rich') body['percentageComplete'] = pct;
        if (succeeded && op.resourceUrl) Object.assign(body, { resourceId: op.resourceId, resourceLocation: op.resourceUrl });
        if (op.family === 'engage') body['operationType'] = 'createCommunity';
    }
    if (failed && op.family !== 'case') body['error'] = error;
    this.host.sendJson(entry, res, 200, body);
  }

  private startCustom(entry: { status?: number }, root: string, definition: CustomOperationDefinition, res: ServerResponse, fault: FaultAction | undefined): void {
    const id = this.host.newId('op');
    const op: FamilyOperation = {
      family: 'custom',
      kind: 'custom',
      steps: this.host.playback(definition.steps.length, definition.durationMs),
      custom: definition,
      customResultUrl: `${root}/simulator/results/${id}`,
      statusUrl: `${root}/simulator/operations/${id}`,
      done: false,
    };
    this.operations.set(id, op);
    this.host.accepted(entry, res, fault, op.statusUrl, definition.statusHeader ?? 'location', { ...definition.acceptedHeaders });
  }

  private customStatus(entry: { status?: number }, op: FamilyOperation, res: ServerResponse): void {
    const steps = op.custom!.steps;
    const step = steps[op.steps!.read().index];
    if (!step) return this.host.sendError(entry, res, 500, 'generalException', 'The operation has no steps.');
    const body = JSON.parse(JSON.stringify(step.body ?? null).replaceAll('{{result}}', op.customResultUrl!).replaceAll('{{operation}}', op.statusUrl)) as unknown;
    this.host.sendJson(entry, res, step.status ?? 200, body, { ...step.headers });
  }
}
