import type { KindDefaults, ResultRule } from '../../lro/operation-kind.js';
import { describeValue, isPlainObject } from '../../core/policy/validation.js';
import { GraphResourceCodec, type GraphResource } from '../shared/graph-resource.js';
import { idSegment } from '../shared/id-segment.js';
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from '../shared/prefer.js';
import { OPERATIONS } from '../shared/status-path.js';
import { teamsAsyncOperationStatus, type TeamsAsyncOperation } from './teams-async-operation.js';

/** Teams and Viva Engage document "wait >30 seconds between checks". */
export const THIRTY_SECONDS_APART = { intervalMs: 31_000, maxIntervalMs: 60_000 } as const;

/**
 * What every Teams kind shares: the `teamsAsyncOperation`, polled more than
 * 30 s apart with `Prefer: include-unknown-enum-members` (newer
 * `operationType`s are hidden without it); retries back off from 10 s,
 * which also spaces the retries of a new group's 404 as Graph recommends.
 */
export const TEAMS_FOLLOW = {
  status: teamsAsyncOperationStatus,
  pollHeaders: INCLUDE_UNKNOWN_ENUM_MEMBERS,
  statusPath: OPERATIONS,
  defaults: { poll: THIRTY_SECONDS_APART, retry: { baseDelayMs: 10_000 } } satisfies KindDefaults,
} as const;

/** A team by id, as one path segment. */
export const teamPath = (teamId: unknown): string => `/teams/${idSegment('teamId', teamId)}`;

/** The team (or channel) an operation ends with: where the status says, else the path built from it and the handle. */
export function teamsResult(path: (status: TeamsAsyncOperation, params: Readonly<Record<string, string>>) => string | undefined): ResultRule<TeamsAsyncOperation, GraphResource> {
  return { read: 'resource', codec: GraphResourceCodec, named: (s) => s.targetResourceLocation, path };
}

/** The team a status names by id. */
export const teamById = (s: TeamsAsyncOperation): string | undefined => (s.targetResourceId ? `/teams/${encodeURIComponent(s.targetResourceId)}` : undefined);

/** A request body that must be an object (and may need a non-empty string field). */
export function checkBody(name: string, body: unknown, required?: string): Record<string, unknown> {
  if (!isPlainObject(body)) throw new TypeError(`${name} must be an object, not ${describeValue(body)}`);
  if (required && (typeof body[required] !== 'string' || (body[required] as string).trim() === '')) {
    throw new TypeError(`${name}.${required} must be a non-empty string, not ${describeValue(body[required])}`);
  }
  return body;
}
