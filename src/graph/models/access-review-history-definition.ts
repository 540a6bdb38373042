import type { StatusModel } from 'rx-graph-lro';
import type { GraphResource } from '../shared/graph-resource.js';
import { documentStatusModel } from '../shared/document-status-model.js';

/**
 * The status model of `accessReviewHistoryDefinition` (created with `201`
 * at `identityGovernance/accessReviews/historyDefinitions`): `requested`
 * and `inprogress` run, `done` ends well, `error` badly.
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: '/identityGovernance/accessReviews/historyDefinitions', body }, status: accessReviewHistoryDefinitionStatus, resultFromStatus: (s) => s });
 * ```
 * @public
 */
export const accessReviewHistoryDefinitionStatus: StatusModel<GraphResource> = documentStatusModel<GraphResource>('accessReviewHistoryDefinition', {
  running: ['requested', 'inprogress', 'unknownFutureValue'],
  succeeded: ['done'],
  failed: ['error'],
});
