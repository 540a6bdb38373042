import type { StatusModel } from 'rx-graph-lro';
import { documentStatusModel, errorAt } from '../shared/document-status-model.js';

/**
 * A backup restore session (`restoreSessionBase`: Exchange, OneDrive for
 * Business, SharePoint). Created as a `draft`, it runs once activated
 * (`activating`, `active`) and ends `completed`, `completedWithError` (some
 * artifacts failed: a partial success) or `failed`.
 *
 * @public
 */
export interface RestoreSession {
  /** The restore session's id. */
  readonly id: string;
  /** `draft`, `activating`, `active`, `completedWithError`, `completed`, `failed`, or a newer word (still running). */
  readonly status: string;
  /** How many artifacts are restored, failed, in progress, of how many. */
  readonly restoreSessionArtifactCount?: { readonly completed?: number; readonly failed?: number; readonly inProgress?: number; readonly total?: number };
  /** Why it failed, as Graph sent it; `null` otherwise. */
  readonly error?: Readonly<Record<string, unknown>> | null;
  /** Every other property, as Graph sent it. */
  readonly [property: string]: unknown;
}

/** Progress from the artifact counts: finished (well or not) of all. */
function artifactProgress(d: RestoreSession): number | undefined {
  const count = d.restoreSessionArtifactCount;
  const total = count?.total;
  if (typeof total !== 'number' || !(total > 0)) return undefined;
  const done = (typeof count?.completed === 'number' ? count.completed : 0) + (typeof count?.failed === 'number' ? count.failed : 0);
  return Number.isFinite(done) ? Math.round((100 * Math.min(done, total)) / total) : undefined;
}

/**
 * The status model of a restore session: `draft` ends its creation;
 * `activating` and `active` run; `completed` ends well,
 * `completedWithError` partially; `failed` badly with its `error`; progress
 * from the artifact counts.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: `/solutions/backupRestore/restoreSessions/${id}/activate` }, status: restoreSessionStatus, resultFromStatus: (s) => s });
 * ```
 * @public
 */
export const restoreSessionStatus: StatusModel<RestoreSession> = documentStatusModel<RestoreSession>(
  'restoreSession',
  { running: ['activating', 'active', 'unknownFutureValue'], succeeded: ['draft', 'completed', 'completedWithError'], failed: ['failed'] },
  { progress: artifactProgress, error: errorAt('error'), partial: ['completedWithError'] },
);
