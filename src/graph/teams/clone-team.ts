import { operationKind } from '../../lro/operation-kind.js';
import { checkObject, describeValue } from '../../core/policy/validation.js';
import { teamById, teamPath, TEAMS_FOLLOW, teamsResult } from './teams-family.js';

/**
 * What `teams.clone` sends (Graph's clone request).
 *
 * @public
 */
export interface CloneTeamRequest {
  /** The new team's name. */
  readonly displayName: string;
  /** Which parts to copy: `apps`, `tabs`, `settings`, `channels`, `members` (a list or Graph's comma-separated string). */
  readonly partsToClone: string | readonly ('apps' | 'tabs' | 'settings' | 'channels' | 'members')[];
  /** The new team's description. @defaultValue none */
  readonly description?: string;
  /** The mail alias of the new team's group. @defaultValue one Graph derives from `displayName` */
  readonly mailNickname?: string;
  /** The new team's classification (your tenant's labels). @defaultValue the original team's */
  readonly classification?: string;
  /** Who may find and join the new team. @defaultValue the original team's */
  readonly visibility?: 'public' | 'private';
}

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

/** `teams.clone`: `POST /teams/{id}/clone`; ends with the new team. */
export const cloneTeam = operationKind({
  name: 'teams.clone',
  prepare: ([teamId, request]: readonly [teamId: string, request: CloneTeamRequest]) => {
    const team = teamPath(teamId);
    return { start: { method: 'POST', url: `${team}/clone`, body: checkClone(request) } };
  },
  idempotent: false,
  callOptions: { at: 2 },
  ...TEAMS_FOLLOW,
  result: teamsResult(teamById),
});
