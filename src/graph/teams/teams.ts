import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import type { GraphResource } from '../shared/graph-resource.js';
import { createTeam } from './create-team.js';
import { cloneTeam, type CloneTeamRequest } from './clone-team.js';
import { archiveTeam } from './archive-team.js';
import { unarchiveTeam } from './unarchive-team.js';
import { createChannel } from './create-channel.js';

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

/** `graph.teams`: each method one Teams kind. */
export function createTeams(run: RunKind): TeamsOperations {
  const checked = (name: string, options: unknown) => {
    checkOperationOptions(`teams.${name} options`, options);
    return options as OperationOptions | undefined;
  };
  return {
    create: (team, options) => run(createTeam, [team], checked('create', options)),
    clone: (teamId, request, options) => run(cloneTeam, [teamId, request], checked('clone', options)),
    archive: (teamId, request, options) => run(archiveTeam, [teamId, request], checked('archive', options)),
    unarchive: (teamId, options) => run(unarchiveTeam, [teamId], checked('unarchive', options)),
    createChannel: (teamId, channel, options) => run(createChannel, [teamId, channel], checked('createChannel', options)),
  };
}
