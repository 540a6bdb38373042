import { operationKind } from '../../lro/operation-kind.js';
import { restoreSessionStatus, type RestoreSession } from '../models/restore-session.js';
import { idSegment } from '../shared/id-segment.js';
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from '../shared/prefer.js';
import { statusPathIn } from '../shared/status-path.js';

/**
 * `backupRestore.activateRestoreSession`: `POST /solutions/backupRestore/restoreSessions/{id}/activate`.
 * Graph answers `200 OK` with the session `activating`; it is polled at
 * `restoreSessions/{id}` (asking for unknown enum members, or a failure
 * hides as `unknownFutureValue`) until `completed`, `completedWithError` (a
 * partial success, said so in the `succeeded` event) or `failed`, and ends
 * with the final session.
 */
export const activateRestoreSession = operationKind({
  name: 'backupRestore.activateRestoreSession',
  prepare: ([sessionId]: readonly [sessionId: string]) => {
    const session = `/solutions/backupRestore/restoreSessions/${idSegment('sessionId', sessionId)}`;
    return { start: { method: 'POST', url: `${session}/activate` }, params: { session } };
  },
  params: ['session'],
  idempotent: false,
  callOptions: { at: 1 },
  status: restoreSessionStatus,
  statusPath: statusPathIn('solutions/backupRestore/restoreSessions'),
  pollHeaders: INCLUDE_UNKNOWN_ENUM_MEMBERS,
  // The session lives at restoreSessions/{id}, not under the activate URL it was posted to.
  job: { statuses: [200, 201], location: (body) => (typeof body['id'] === 'string' ? `/solutions/backupRestore/restoreSessions/${encodeURIComponent(body['id'])}` : undefined) },
  result: { read: 'status', map: (final: RestoreSession) => final },
  // Restores of whole sites and mailboxes take hours.
  defaults: { timeoutMs: 24 * 3_600_000 },
});
