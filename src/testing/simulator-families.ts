import type { ServerResponse } from 'node:http';
import type { FaultAction } from './faults.js';

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
  /** @defaultValue 'POST' */
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
}

/** What the family routes need of the simulator. */
export interface FamilyHost {
  readonly graphOrigin: string;
  readonly monitorOrigin: string;
  sendJson(entry: { status?: number }, res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void;
  sendError(entry: { status?: number }, res: ServerResponse, status: number, code: string, message: string): void;
  newId(prefix: string): string;
  script(info: { kind: string; item: string }): { statuses: readonly string[]; percentages?: readonly number[]; error?: unknown };
  accepted(entry: { status?: number }, res: ServerResponse, fault: FaultAction | undefined, location: string, header: 'location' | 'operation-location', extra?: Record<string, string>): void;
}

type FamilyName = 'teams' | 'rich' | 'onenote' | 'connection' | 'case' | 'engage' | 'custom';

interface FamilyOperation {
  readonly family: FamilyName;
  readonly kind: string;
  readonly script: { statuses: readonly string[]; percentages?: readonly number[]; error?: unknown };
  /** Where the resource is once done (absolute), and its id. */
  readonly resourceUrl?: string;
  readonly resourceId?: string;
  readonly action?: string;
  /** Applied to the simulator's state when the operation succeeds (a team archived…). */
  readonly onSuccess?: () => void;
  readonly custom?: CustomOperationDefinition;
  readonly customResultUrl?: string;
  readonly statusUrl: string;
  polls: number;
  done: boolean;
}

/** Every family's default status words, in the family's own spelling. */
export const FAMILY_DEFAULT_SCRIPTS: Readonly<Record<string, { statuses: readonly string[]; percentages?: readonly number[] }>> = {
  teams: { statuses: ['notStarted', 'inProgress', 'succeeded'] },
  rich: { statuses: ['notStarted', 'running', 'succeeded'], percentages: [0, 50, 100] },
  onenote: { statuses: ['NotStarted', 'Running', 'Completed'], percentages: [0, 50, 100] },
  connection: { statuses: ['inprogress', 'completed'] },
  case: { statuses: ['notStarted', 'running', 'succeeded'], percentages: [0, 50, 100] },
  engage: { statuses: ['notStarted', 'running', 'succeeded'] },
  label: { statuses: ['notStarted', 'inProgress', 'completed'], percentages: [0, 50, 100] },
};

/** The family a kind belongs to (`teams.clone` → teams). */
export function familyOfKind(kind: string): string | undefined {
  const prefix = kind.split('.')[0];
  return { teams: 'teams', site: 'rich', onenote: 'onenote', externalConnection: 'connection', ediscovery: 'case', engage: 'engage' }[prefix ?? ''];
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
    family: FamilyName,
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

  private register(family: FamilyName, kind: string, operations: string, resourceUrl: string | undefined, resourceId: string | undefined, action?: string): FamilyOperation {
    const id = this.host.newId('op');
    const op: FamilyOperation = {
      family,
      kind,
      script: this.host.script({ kind, item: resourceUrl ?? kind }),
      ...(resourceUrl !== undefined ? { resourceUrl } : {}),
      ...(resourceId !== undefined ? { resourceId } : {}),
      ...(action !== undefined ? { action } : {}),
      statusUrl: `${operations}/${id}`,
      polls: 0,
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
    if (!op) return this.host.sendError(entry, res, 404, 'itemNotFound', 'The operation was not found.');
    const index = Math.min(op.polls, op.script.statuses.length - 1);
    op.polls++;
    const word = op.script.statuses[index] ?? 'running';
    const pct = op.script.percentages?.[Math.min(index, op.script.percentages.length - 1)];
    const succeeded = /^(succeeded|completed|partiallySucceeded)$/i.test(word);
    const failed = /^(failed|submissionFailed|invalid)$/i.test(word);
    if (succeeded && !op.done) {
      op.done = true;
      op.onSuccess?.();
    }
    const error = op.script.error ?? OPERATION_ERROR;
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
        if (pct !== undefined) body['percentageComplete'] = pct;
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
      script: { statuses: [] },
      custom: definition,
      customResultUrl: `${root}/simulator/results/${id}`,
      statusUrl: `${root}/simulator/operations/${id}`,
      polls: 0,
      done: false,
    };
    this.operations.set(id, op);
    this.host.accepted(entry, res, fault, op.statusUrl, definition.statusHeader ?? 'location', { ...definition.acceptedHeaders });
  }

  private customStatus(entry: { status?: number }, op: FamilyOperation, res: ServerResponse): void {
    const steps = op.custom!.steps;
    const step = steps[Math.min(op.polls, steps.length - 1)];
    op.polls++;
    if (!step) return this.host.sendError(entry, res, 500, 'generalException', 'The operation has no steps.');
    const body = JSON.parse(JSON.stringify(step.body ?? null).replaceAll('{{result}}', op.customResultUrl!).replaceAll('{{operation}}', op.statusUrl)) as unknown;
    this.host.sendJson(entry, res, step.status ?? 200, body, { ...step.headers });
  }
}
