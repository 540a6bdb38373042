import type { ResultRule } from '../../lro/operation-kind.js';
import { describeValue } from '../../core/policy/validation.js';
import { isApiPath } from '../../core/url/api-path.js';
import { GraphResourceCodec, type GraphResource } from '../shared/graph-resource.js';
import { onenoteOperationStatus, type OnenoteOperation } from './onenote-operation.js';
import { statusPathIn } from '../shared/status-path.js';

/**
 * What every OneNote kind shares: the `onenoteOperation`, whose 429s come
 * without `Retry-After` and whose limits are per minute, so retries back off
 * from 5 s (2.5–5, 5–10, 10–20 s …) rather than the client's half second,
 * and one more time. The copy is read where the status says it is.
 */
export const ONENOTE_FOLLOW = {
  status: onenoteOperationStatus,
  statusPath: statusPathIn('onenote/operations'),
  defaults: { retry: { baseDelayMs: 5_000, maxRetries: 5 } },
  result: { read: 'resource', codec: GraphResourceCodec, named: (s) => s.resourceLocation } satisfies ResultRule<OnenoteOperation, GraphResource>,
} as const;

const OWNER = /^\/(?:me|(?:users|groups|sites)\/[^/?#\\\s]+)$/;
const OWNER_FORMS = "'/me', '/users/{id}', '/groups/{id}' or '/sites/{id}'";

/** Whose notebooks: `/me`, `/users/{id}`, `/groups/{id}` or `/sites/{id}`, checked as a path that cannot move the request. */
export function ownerPath(owner: unknown): string {
  const path = typeof owner === 'string' ? owner.replace(/\/+$/, '') : owner;
  // isApiPath also refuses %2e%2e, which URL parsing would turn into `..` and move the request.
  if (typeof path !== 'string' || !OWNER.test(path) || !isApiPath(path) || /%2f|%5c/i.test(path)) {
    throw new TypeError(`onenote() takes whose notebooks: ${OWNER_FORMS}, not ${describeValue(owner)}`);
  }
  return path;
}

const TEXT_FIELDS = ['groupId', 'renameAs', 'notebookFolder', 'siteCollectionId', 'siteId', 'toNotebook', 'toSectionGroup'];

/** Every text field of a copy request, when given, is a non-empty string. */
export function checkText(name: string, checked: Record<string, unknown>): void {
  for (const key of TEXT_FIELDS) {
    const value = checked[key];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) throw new TypeError(`${name}.${key} must be a non-empty string, not ${describeValue(value)}`);
  }
}
