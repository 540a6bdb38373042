import { operationKind } from '../../lro/operation-kind.js';
import { teamPath, TEAMS_FOLLOW, teamsResult } from './teams-family.js';

/** `teams.unarchive`: `POST /teams/{id}/unarchive`; ends with the team (the handle's `team`). */
export const unarchiveTeam = operationKind({
  name: 'teams.unarchive',
  prepare: ([teamId]: readonly [teamId: string]) => {
    const team = teamPath(teamId);
    return { start: { method: 'POST', url: `${team}/unarchive` }, params: { team } };
  },
  params: ['team'],
  idempotent: false,
  callOptions: { at: 1 },
  ...TEAMS_FOLLOW,
  result: teamsResult((_s, p) => p['team']),
});
