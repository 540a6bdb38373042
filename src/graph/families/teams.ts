import type { Observable } from 'rxjs';
import type { OperationEvent } from '../../lro/operation-event.js';
import type { OperationOptions, OperationRuntime } from '../../lro/run-operation.js';
import { checkObject, checkOperationOptions, describeValue, isPlainObject } from '../../core/policy/validation.js';
import { apiUrl } from '../../core/url/api-root.js';
import { idSegment, runFamilyOperation, type FamilyKind, type GraphResource } from './family-operation.js';
import { TEAMS } from './families.js';
import type { TeamsAsyncOperation } from './teams-async-operation.js';

/**
 * What `teams.clone` sends (Graph's clone request).
 *
 * @public
 */
export interface CloneTeamRequest {
  readonly displayName: string;
  /** Which parts to copy: `apps`, `tabs`, `settings`, `channels`, `members` (a list or Graph's comma-separated string). */
  readonly partsToClone: string | readonly ('apps' | 'tabs' | 'settings' | 'channels' | 'members')[];
  readonly description?: string;
  readonly mailNickname?: string;
  readonly classification?: string;
  readonly visibility?: 'public' | 'private';
}

/**
 * Teams' long-running operations. Each follows the `teamsAsyncOperation`
 * (polls more than 30 s apart, as Graph asks) and ends with the team or
 * channel as Graph returns it.
 *
 * @example
 * ```ts
 * graph.teams.clone(teamId, { displayName: 'Launch (copy)', partsToClone: ['apps', 'tabs', 'channels'] })
 *   .pipe(result())
 *   .subscribe((team) => console.log(team['id']));
 * ```
 * @public
 */
export interface TeamsOperations {
  /**
   * `POST /teams`. Without `template@odata.bind` the standard template is
   * used. A team made from a group created minutes ago may answer 404 until
   * Graph sees the group: that 404 is retried, spaced from 10 s, within the
   * retry policy's bound.
   */
  create(team: Readonly<Record<string, unknown>>, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
  /** `POST /teams/{id}/clone`: ends with the new team. */
  clone(teamId: string, request: CloneTeamRequest, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
  /** `POST /teams/{id}/archive`: ends with the team. */
  archive(teamId: string, request?: { readonly shouldSetSpoSiteReadOnlyForMembers?: boolean }, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
  /** `POST /teams/{id}/unarchive`: ends with the team. */
  unarchive(teamId: string, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
  /** `POST /teams/{id}/channels`: a synchronous 201 or a followed 202; ends with the channel. */
  createChannel(teamId: string, channel: Readonly<Record<string, unknown>> & { readonly displayName: string }, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
}

const teamById = (s: TeamsAsyncOperation) => (s.targetResourceId ? `/teams/${encodeURIComponent(s.targetResourceId)}` : undefined);

export const TEAMS_KINDS = {
  create: { kind: 'teams.create', family: TEAMS, ending: { read: 'resource', fallback: teamById } },
  clone: { kind: 'teams.clone', family: TEAMS, ending: { read: 'resource', fallback: teamById } },
  archive: { kind: 'teams.archive', family: TEAMS, params: ['team'], ending: { read: 'resource', fallback: (_s, p) => p['team'] } },
  unarchive: { kind: 'teams.unarchive', family: TEAMS, params: ['team'], ending: { read: 'resource', fallback: (_s, p) => p['team'] } },
  createChannel: {
    kind: 'teams.createChannel',
    family: TEAMS,
    params: ['team'],
    ending: { read: 'resource', fallback: (s, p) => (s.targetResourceId ? `${p['team']}/channels/${encodeURIComponent(s.targetResourceId)}` : undefined) },
  },
} satisfies Record<string, FamilyKind<TeamsAsyncOperation>>;

const PARTS = ['apps', 'tabs', 'settings', 'channels', 'members'];

function checkClone(request: unknown): Record<string, unknown> {
  const checked = checkObject('clone request', request, ['displayName', 'partsToClone', 'description', 'mailNickname', 'classification', 'visibility'], false)!;
  if (typeof checked['displayName'] !== 'string' || checked['displayName'].trim() === '') {
    throw new TypeError(`clone request.displayName must be a non-empty string, not ${describeValue(checked['displayName'])}`);
  }
  const raw = checked['partsToClone'];
  const parts = typeof raw === 'string' ? raw.split(',').map((p) => p.trim()) : Array.isArray(raw) ? raw : undefined;
  if (!parts || parts.length === 0 || !parts.every((p) => typeof p === 'string' && PARTS.includes(p))) {
    throw new TypeError(`clone request.partsToClone must name some of ${PARTS.join(', ')}, not ${describeValue(raw)}`);
  }
  return { ...checked, partsToClone: parts.join(',') };
}

function checkBody(name: string, body: unknown, required?: string): Record<string, unknown> {
  if (!isPlainObject(body)) throw new TypeError(`${name} must be an object, not ${describeValue(body)}`);
  if (required && (typeof body[required] !== 'string' || (body[required] as string).trim() === '')) {
    throw new TypeError(`${name}.${required} must be a non-empty string, not ${describeValue(body[required])}`);
  }
  return body;
}

export function createTeams(runtime: OperationRuntime): TeamsOperations {
  const team = (teamId: unknown) => `/teams/${idSegment('teamId', teamId)}`;
  const run = (kind: FamilyKind<TeamsAsyncOperation>, params: Record<string, string>, url: string, body: unknown, options: unknown, extra: { notApplied?: readonly number[] } = {}) => {
    checkOperationOptions(`teams.${kind.kind.split('.')[1]} options`, options);
    return runFamilyOperation<TeamsAsyncOperation, GraphResource>(runtime, kind, params, { method: 'POST', url, body, ...extra }, options as OperationOptions | undefined);
  };
  return {
    create: (body, options) => {
      const checked = checkBody('team', body);
      const withTemplate = 'template@odata.bind' in checked ? checked : { 'template@odata.bind': apiUrl(runtime.apiRoot, "/teamsTemplates('standard')"), ...checked };
      return run(TEAMS_KINDS.create, {}, '/teams', withTemplate, options, { notApplied: [404] });
    },
    clone: (teamId, request, options) => {
      const path = team(teamId);
      return run(TEAMS_KINDS.clone, {}, `${path}/clone`, checkClone(request), options);
    },
    archive: (teamId, request, options) => {
      const path = team(teamId);
      const checked = checkObject('archive request', request, ['shouldSetSpoSiteReadOnlyForMembers']) ?? {};
      const flag = checked['shouldSetSpoSiteReadOnlyForMembers'];
      if (flag !== undefined && typeof flag !== 'boolean') throw new TypeError(`archive request.shouldSetSpoSiteReadOnlyForMembers must be a boolean, not ${describeValue(flag)}`);
      return run(TEAMS_KINDS.archive, { team: path }, `${path}/archive`, checked, options);
    },
    unarchive: (teamId, options) => {
      const path = team(teamId);
      return run(TEAMS_KINDS.unarchive, { team: path }, `${path}/unarchive`, undefined, options);
    },
    createChannel: (teamId, channel, options) => {
      const path = team(teamId);
      return run(TEAMS_KINDS.createChannel, { team: path }, `${path}/channels`, checkBody('channel', channel, 'displayName'), options);
    },
  };
}
