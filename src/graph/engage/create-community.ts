import { operationKind } from '../../lro/operation-kind.js';
import { describeValue, isPlainObject } from '../../core/policy/validation.js';
import { GraphResourceCodec } from '../shared/graph-resource.js';
import { richLongRunningOperationStatus } from '../models/rich-long-running-operation.js';
import { statusPathIn } from '../shared/status-path.js';

/**
 * `engage.createCommunity`: `POST /employeeExperience/communities`,
 * followed from `Operation-Location` on its `engagementAsyncOperation`,
 * polled more than 30 s apart as Graph asks; ends with the community.
 */
export const createCommunity = operationKind({
  name: 'engage.createCommunity',
  prepare: ([community]: readonly [community: Readonly<Record<string, unknown>> & { readonly displayName: string }]) => {
    if (!isPlainObject(community) || typeof community['displayName'] !== 'string' || community['displayName'].trim() === '') {
      throw new TypeError(`createCommunity takes a community with a displayName, not ${describeValue(community)}`);
    }
    return { start: { method: 'POST', url: '/employeeExperience/communities', body: community } };
  },
  idempotent: false,
  callOptions: { at: 1 },
  status: richLongRunningOperationStatus,
  statusPath: statusPathIn('employeeExperience/engagementAsyncOperations'),
  result: {
    read: 'resource',
    codec: GraphResourceCodec,
    named: (s) => s.resourceLocation,
    path: (s) => (s.resourceId ? `/employeeExperience/communities/${encodeURIComponent(s.resourceId)}` : undefined),
  },
  // Viva Engage documents "wait >30 seconds between checks", as Teams does.
  defaults: { poll: { intervalMs: 31_000, maxIntervalMs: 60_000 } },
});
