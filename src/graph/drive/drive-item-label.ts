import type { Observable } from 'rxjs';
import type { OperationEvent } from '../../lro/operation-event.js';
import type { OperationOptions, OperationRuntime } from '../../lro/run-operation.js';
import { checkObject, checkOneOf, checkOperationOptions, describeValue } from '../../core/policy/validation.js';
import { runFamilyOperation, type Family, type FamilyKind, type GraphResource } from '../families/family-operation.js';
import { copyMonitorStatus } from './monitor-status.js';

/**
 * What `assignSensitivityLabel` sends.
 *
 * @public
 */
export interface AssignSensitivityLabelRequest {
  /** The label's id (a GUID from the tenant's labels). */
  readonly sensitivityLabelId: string;
  /** @defaultValue Graph's (`standard`) */
  readonly assignmentMethod?: 'standard' | 'privileged' | 'auto';
  /** Why, for labels that ask for a justification when downgraded. @defaultValue none */
  readonly justificationText?: string;
}

/** A label assignment is watched on a SharePoint monitor, as a copy is: without the token. */
const LABEL_MONITOR: Family<unknown> = {
  name: 'asyncJobStatus',
  status: copyMonitorStatus as Family<unknown>['status'],
  pollAuth: 'none',
};

export const LABEL_KIND: FamilyKind<unknown> = {
  kind: 'driveItem.assignSensitivityLabel',
  family: LABEL_MONITOR,
  params: ['item'],
  // The monitor is not Graph: the labelled item is read from Graph, at the address the caller gave.
  ending: { read: 'resource', fixed: true, fallback: (_s, p) => p['item'] },
};

const ASSIGNMENT_METHODS = ['standard', 'privileged', 'auto'] as const;

/**
 * `POST {item}/assignSensitivityLabel`: 202 and a monitor URL (with its own
 * `tempAuth`, so no token is sent to it); a file that is checked out or open
 * answers 423 Locked, which means nothing was done and is sent again under
 * the retry policy. Ends with the item, read from Graph.
 */
export function assignSensitivityLabel(
  runtime: OperationRuntime,
  itemUrl: string,
  request: unknown,
  options: OperationOptions | undefined,
): Observable<OperationEvent<GraphResource>> {
  const checked = checkObject('assignSensitivityLabel request', request, ['sensitivityLabelId', 'assignmentMethod', 'justificationText'], false)!;
  const id = checked['sensitivityLabelId'];
  if (typeof id !== 'string' || id.trim() === '') throw new TypeError(`assignSensitivityLabel request.sensitivityLabelId must be a label id, not ${describeValue(id)}`);
  checkOneOf('assignSensitivityLabel request.assignmentMethod', checked['assignmentMethod'], ASSIGNMENT_METHODS);
  const text = checked['justificationText'];
  if (text !== undefined && typeof text !== 'string') throw new TypeError(`assignSensitivityLabel request.justificationText must be a string, not ${describeValue(text)}`);
  checkOperationOptions('assignSensitivityLabel options', options);
  const item = itemUrl.startsWith(runtime.apiRoot) ? itemUrl.slice(runtime.apiRoot.replace(/\/+$/, '').length) : itemUrl;
  return runFamilyOperation(runtime, LABEL_KIND, { item }, { method: 'POST', url: `${itemUrl}/assignSensitivityLabel`, body: checked, notApplied: [423] }, options);
}
