import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import type { RestoreSession } from '../models/restore-session.js';
import { activateRestoreSession } from './activate-restore-session.js';

/**
 * Microsoft 365 Backup's long-running operations.
 *
 * @example
 * ```ts
 * graph.backupRestore.activateRestoreSession(sessionId).subscribe((e) => {
 *   if (e.type === 'status') console.log(e.status, e.percentageComplete);
 *   if (e.type === 'succeeded' && e.partial) console.warn('some artifacts failed', e.result.error);
 * });
 * ```
 * @public
 */
export interface BackupRestoreOperations {
  /**
   * `POST /solutions/backupRestore/restoreSessions/{id}/activate`: `200` with
   * the session `activating`, polled at `restoreSessions/{id}` until it ends;
   * ends with the final session (`completedWithError` is a partial success).
   */
  activateRestoreSession(sessionId: string, options?: OperationOptions): Observable<OperationEvent<RestoreSession>>;
}

/** `graph.backupRestore`: the Microsoft 365 Backup kinds. */
export function createBackupRestore(run: RunKind): BackupRestoreOperations {
  return {
    activateRestoreSession: (sessionId, options) => {
      checkOperationOptions('activateRestoreSession options', options);
      return run(activateRestoreSession, [sessionId], options);
    },
  };
}
