import type { StatusModel } from 'rx-graph-lro';
import type { GraphResource } from '../shared/graph-resource.js';
import { documentStatusModel, errorAt } from '../shared/document-status-model.js';

/**
 * The status model of a backup browse session (`browseSessionBase`:
 * OneDrive for Business and SharePoint, created with `201`): `creating`
 * runs, `created` (ready to browse) ends well, `failed` badly with its `error`.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: '/solutions/backupRestore/sharePointBrowseSessions', body: { restorePointId } }, status: browseSessionStatus, resultFromStatus: (s) => s });
 * ```
 * @public
 */
export const browseSessionStatus: StatusModel<GraphResource> = documentStatusModel<GraphResource>(
  'browseSession',
  { running: ['creating', 'unknownFutureValue'], succeeded: ['created'], failed: ['failed'] },
  { error: errorAt('error') },
);
