import { checkObject, checkOneOf, describeValue } from '../../core/policy/validation.js';
import { operationKind } from '../../lro/operation-kind.js';
import { GraphResourceCodec } from '../shared/graph-resource.js';
import { parseDriveItemRef, pathUnderRoot } from '../shared/drive-item-ref.js';
import { copyMonitorStatus } from './monitor-status.js';

/**
 * What `assignSensitivityLabel` sends.
 *
 * @public
 */
export interface AssignSensitivityLabelRequest {
  /** The label's id (a GUID from the tenant's labels). */
  readonly sensitivityLabelId: string;
  /** How the label is assigned: by a user (`standard`), by an administrator (`privileged`), or by the system (`auto`). @defaultValue Graph's (`standard`) */
  readonly assignmentMethod?: 'standard' | 'privileged' | 'auto';
  /** Why, for labels that ask for a justification when downgraded. @defaultValue none */
  readonly justificationText?: string;
}

const ASSIGNMENT_METHODS = ['standard', 'privileged', 'auto'] as const;

function checkLabelRequest(request: unknown): Record<string, unknown> {
  const checked = checkObject('assignSensitivityLabel request', request, ['sensitivityLabelId', 'assignmentMethod', 'justificationText'], false)!;
  const id = checked['sensitivityLabelId'];
  if (typeof id !== 'string' || id.trim() === '') throw new TypeError(`assignSensitivityLabel request.sensitivityLabelId must be a label id, not ${describeValue(id)}`);
  checkOneOf('assignSensitivityLabel request.assignmentMethod', checked['assignmentMethod'], ASSIGNMENT_METHODS);
  const text = checked['justificationText'];
  if (text !== undefined && typeof text !== 'string') throw new TypeError(`assignSensitivityLabel request.justificationText must be a string, not ${describeValue(text)}`);
  return checked;
}

/**
 * `driveItem.assignSensitivityLabel`: `POST {item}/assignSensitivityLabel`.
 * Graph answers 202 and a SharePoint monitor URL (with its own `tempAuth`,
 * so no token is sent to it), watched as a copy is. A file that is checked
 * out or open answers 423 Locked, which means nothing was done and is sent
 * again under the retry policy. Ends with the item, read from Graph at the
 * address the caller gave (the handle's `item`): the monitor is not Graph.
 */
export const assignSensitivityLabel = operationKind({
  name: 'driveItem.assignSensitivityLabel',
  prepare: ([ref, request]: readonly [ref: string, request: AssignSensitivityLabelRequest], apiRoot) => {
    const address = parseDriveItemRef(apiRoot, ref);
    const body = checkLabelRequest(request);
    return { start: { method: 'POST', url: `${address.itemUrl}/assignSensitivityLabel`, body, notApplied: [423] }, params: { item: pathUnderRoot(apiRoot, address.itemUrl) } };
  },
  params: ['item'],
  idempotent: false,
  callOptions: { at: 2 },
  status: copyMonitorStatus,
  pollAuth: 'none',
  result: { read: 'resource', codec: GraphResourceCodec, path: (_s, params) => params['item'] },
});
