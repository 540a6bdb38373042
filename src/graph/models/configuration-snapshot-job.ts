import type { StatusModel } from 'rx-graph-lro';
import type { GraphResource } from '../shared/graph-resource.js';
import { documentStatusModel } from '../shared/document-status-model.js';

/**
 * The status model of `configurationSnapshotJob` (`createSnapshot` answers
 * `200` with it; it lives at `admin/configurationManagement/configurationSnapshotJobs`):
 * `partiallySuccessful` ends well, partially.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: '/admin/configurationManagement/configurationSnapshots/createSnapshot', body }, status: configurationSnapshotJobStatus, resultFromStatus: (s) => s });
 * ```
 * @public
 */
export const configurationSnapshotJobStatus: StatusModel<GraphResource> = documentStatusModel<GraphResource>(
  'configurationSnapshotJob',
  { running: ['notStarted', 'running', 'unknownFutureValue'], succeeded: ['succeeded', 'partiallySuccessful'], failed: ['failed'] },
  { partial: ['partiallySuccessful'] },
);
