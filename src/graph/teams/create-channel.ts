import { operationKind } from '../../lro/operation-kind.js';
import { checkBody, teamPath, TEAMS_FOLLOW, teamsResult } from './teams-family.js';

/** `teams.createChannel`: `POST /teams/{id}/channels`, a synchronous 201 or a followed 202; ends with the channel. */
export const createChannel = operationKind({
  name: 'teams.createChannel',
  prepare: ([teamId, channel]: readonly [teamId: string, channel: Readonly<Record<string, unknown>> & { readonly displayName: string }]) => {
    const team = teamPath(teamId);
    return { start: { method: 'POST', url: `${team}/channels`, body: checkBody('channel', channel, 'displayName') }, params: { team } };
  },
  params: ['team'],
  idempotent: false,
  callOptions: { at: 2 },
  ...TEAMS_FOLLOW,
  result: teamsResult((s, p) => (s.targetResourceId ? `${p['team']}/channels/${encodeURIComponent(s.targetResourceId)}` : undefined)),
});
