import type { StatusModel } from 'rx-graph-lro';
import type { GraphResource } from '../shared/graph-resource.js';
import { documentStatusModel } from '../shared/document-status-model.js';

/**
 * The status model of `threatAssessmentRequest` (mail, email file, file
 * and URL assessments, created with `201`): `pending` runs, `completed`
 * ends; it has no failure word (a failed assessment says so in its results).
 *
 * @example
 * ```ts
 * graph.operation({ request: { method: 'POST', url: '/informationProtection/threatAssessmentRequests', body }, status: threatAssessmentRequestStatus, resultFromStatus: (s) => s });
 * ```
 * @public
 */
export const threatAssessmentRequestStatus: StatusModel<GraphResource> = documentStatusModel<GraphResource>('threatAssessmentRequest', {
  running: ['pending'],
  succeeded: ['completed'],
  failed: [],
});
