import { operationKind } from '../../lro/operation-kind.js';
import { apiUrl } from '../../core/url/api-root.js';
import { checkBody, teamById, TEAMS_FOLLOW, teamsResult } from './teams-family.js';

/**
 * `teams.create`: `POST /teams`. Without `template@odata.bind` the standard
 * template is used. A team made from a group created minutes ago may answer
 * 404 until Graph sees the group: that 404 means nothing was applied, and is
 * retried, spaced from 10 s, within the retry policy's bound. Ends with the team.
 */
export const createTeam = operationKind({
  name: 'teams.create',
  prepare: ([team]: readonly [team: Readonly<Record<string, unknown>>], apiRoot) => {
    const checked = checkBody('team', team);
    const body = 'template@odata.bind' in checked ? checked : { 'template@odata.bind': apiUrl(apiRoot, "/teamsTemplates('standard')"), ...checked };
    return { start: { method: 'POST', url: '/teams', body, notApplied: [404] } };
  },
  idempotent: false,
  callOptions: { at: 1 },
  ...TEAMS_FOLLOW,
  result: teamsResult(teamById),
});
