import { operationKind } from '../../lro/operation-kind.js';
import { checkObject, describeValue } from '../../core/policy/validation.js';
import { teamPath, TEAMS_FOLLOW, teamsResult } from './teams-family.js';

/** `teams.archive`: `POST /teams/{id}/archive`; ends with the team (the handle's `team`). */
export const archiveTeam = operationKind({
  name: 'teams.archive',
  prepare: ([teamId, request]: readonly [teamId: string, request?: { readonly shouldSetSpoSiteReadOnlyForMembers?: boolean }]) => {
    const team = teamPath(teamId);
    const checked = checkObject('archive request', request, ['shouldSetSpoSiteReadOnlyForMembers']) ?? {};
    const flag = checked['shouldSetSpoSiteReadOnlyForMembers'];
    if (flag !== undefined && typeof flag !== 'boolean') throw new TypeError(`archive request.shouldSetSpoSiteReadOnlyForMembers must be a boolean, not ${describeValue(flag)}`);
    return { start: { method: 'POST', url: `${team}/archive`, body: checked }, params: { team } };
  },
  params: ['team'],
  idempotent: false,
  callOptions: { at: 2 },
  ...TEAMS_FOLLOW,
  result: teamsResult((_s, p) => p['team']),
});
