import * as t from 'io-ts';
import { of } from 'rxjs';
import { ProtocolError } from '../../core/errors/protocol-error.js';
import { checkObject, describeValue } from '../../core/policy/validation.js';
import { operationKind } from '../../lro/operation-kind.js';
import { printOperationStatus } from '../models/print-operation.js';
import type { GraphResource } from '../shared/graph-resource.js';
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from '../shared/prefer.js';
import { statusPathIn } from '../shared/status-path.js';

/**
 * What registering a printer with Universal Print sends (Graph's `printer: create`).
 *
 * @public
 */
export interface CreatePrinterRequest {
  /** The printer's name, as users see it. */
  readonly displayName: string;
  /** The printer's manufacturer. */
  readonly manufacturer: string;
  /** The printer's model. */
  readonly model: string;
  /** The printer's certificate signing request. */
  readonly certificateSigningRequest: { readonly content: string; readonly transportKey: string };
  /** The id of the physical printer, when there is one. */
  readonly physicalDeviceId?: string;
  /** Whether a physical printer stands behind it. @defaultValue Graph's: `true` */
  readonly hasPhysicalDevice?: boolean;
  /** The Universal Print connector that registers it, for a printer behind one. */
  readonly connectorId?: string;
}

function checkPrinter(request: unknown): Record<string, unknown> {
  const checked = checkObject('createPrinter request', request, ['displayName', 'manufacturer', 'model', 'certificateSigningRequest', 'physicalDeviceId', 'hasPhysicalDevice', 'connectorId'], false)!;
  for (const key of ['displayName', 'manufacturer', 'model'] as const) {
    if (typeof checked[key] !== 'string' || (checked[key] as string).trim() === '') throw new TypeError(`createPrinter request.${key} must be a non-empty string, not ${describeValue(checked[key])}`);
  }
  const csr = checkObject('createPrinter request.certificateSigningRequest', checked['certificateSigningRequest'], ['content', 'transportKey'], false)!;
  for (const key of ['content', 'transportKey'] as const) {
    if (typeof csr[key] !== 'string' || csr[key] === '') throw new TypeError(`createPrinter request.certificateSigningRequest.${key} must be a non-empty string, not ${describeValue(csr[key])}`);
  }
  if (checked['hasPhysicalDevice'] !== undefined && typeof checked['hasPhysicalDevice'] !== 'boolean') {
    throw new TypeError(`createPrinter request.hasPhysicalDevice must be true or false, not ${describeValue(checked['hasPhysicalDevice'])}`);
  }
  return checked;
}

/**
 * `print.createPrinter`: `POST /print/printers/create`. Graph answers 202
 * and `Operation-Location`: a `printerCreateOperation` whose status is
 * nested (`status.state`); it ends with the printer it created.
 */
export const createPrinter = operationKind({
  name: 'print.createPrinter',
  prepare: ([request]: readonly [request: CreatePrinterRequest]) => ({ start: { method: 'POST', url: '/print/printers/create', body: checkPrinter(request) } }),
  idempotent: false,
  callOptions: { at: 1 },
  status: printOperationStatus,
  statusPath: statusPathIn('print/operations'),
  pollHeaders: INCLUDE_UNKNOWN_ENUM_MEMBERS,
  result: {
    read: 'custom',
    fetch: (operation, context) => {
      // The succeeded operation carries the printer; without it, the printer is read where Graph keeps it.
      if (t.UnknownRecord.is(operation.printer)) return of(operation.printer as GraphResource);
      const id = operation['printerId'];
      if (typeof id === 'string' && id !== '') return context.get(`/print/printers/${encodeURIComponent(id)}`, t.UnknownRecord);
      throw new ProtocolError({}, { reason: 'the printer was created but the operation names no printer' });
    },
  },
});
