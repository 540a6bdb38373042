import * as t from 'io-ts';
import { finiteNumber, openEnum, optional } from '../../core/codecs/combinators.js';
import { GraphErrorChainCodec } from '../../core/codecs/graph-error-chain.js';
import type { GraphErrorChain } from 'rx-graph-lro';
import type { StatusModel } from 'rx-graph-lro';
import { statusModelOf } from '../shared/status-model.js';

/**
 * A Teams operation's status (Graph's `teamsAsyncOperation`): team create,
 * clone, archive, unarchive, teamify a group, channel create/archive.
 * Graph asks for more than 30 s between polls.
 *
 * @public
 */
export interface TeamsAsyncOperation {
  /** `invalid`, `notStarted`, `inProgress`, `succeeded`, `failed`, or a newer word (still running). */
  readonly status: 'invalid' | 'notStarted' | 'inProgress' | 'succeeded' | 'failed' | 'unknownFutureValue' | (string & {});
  /** The operation's id. */
  readonly id?: string;
  /** `createTeam`, `cloneTeam`, `archiveTeam`, `unarchiveTeam`, `teamifyGroup`, `createChannel`, `archiveChannel`, `unarchiveChannel`, … */
  readonly operationType?: string;
  /** When it was created (ISO 8601). */
  readonly createdDateTime?: string;
  /** When its status last changed (ISO 8601). */
  readonly lastActionDateTime?: string;
  /** How many times Teams has tried it. */
  readonly attemptsCount?: number;
  /** The id of the team (or channel) created or changed. */
  readonly targetResourceId?: string;
  /** Where it is, e.g. `/teams('{id}')`: an opaque URL, resolved under the API root. */
  readonly targetResourceLocation?: string;
  /** Why it `failed`: the operation's error chain. */
  readonly error?: GraphErrorChain;
}

const TeamsAsyncOperationStatus = openEnum('teamsAsyncOperationStatus', ['invalid', 'notStarted', 'inProgress', 'succeeded', 'failed', 'unknownFutureValue']);

const TeamsAsyncOperationCodec: t.Decoder<unknown, TeamsAsyncOperation> = t.intersection([
  t.type({ status: TeamsAsyncOperationStatus }),
  t.partial({
    id: optional(t.string),
    operationType: optional(t.string),
    createdDateTime: optional(t.string),
    lastActionDateTime: optional(t.string),
    attemptsCount: optional(finiteNumber),
    targetResourceId: optional(t.string),
    targetResourceLocation: optional(t.string),
    error: optional(GraphErrorChainCodec),
  }),
]);

/**
 * The status model of Teams operations: `succeeded` ends well; `failed`
 * and `invalid` fail with the operation's `error`; everything else runs.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: `/teams/${id}/archive` }, status: teamsAsyncOperationStatus, resultFromStatus: (s) => s.targetResourceId });
 * ```
 * @public
 */
export const teamsAsyncOperationStatus: StatusModel<TeamsAsyncOperation> = statusModelOf(
  TeamsAsyncOperationCodec,
  { running: ['notStarted', 'inProgress', 'unknownFutureValue'], succeeded: ['succeeded'], failed: ['failed', 'invalid'] },
  { error: (s) => s.error },
);
