import type { Observable } from 'rxjs';
import type { OperationEvent } from 'rx-graph-lro';
import type { OperationOptions } from 'rx-graph-lro';
import type { RunKind } from '../../lro/run-kind.js';
import { checkOperationOptions } from '../../core/policy/validation.js';
import type { GraphResource } from '../shared/graph-resource.js';
import { createPrinter, type CreatePrinterRequest } from './create-printer.js';

/**
 * Universal Print's long-running operations.
 *
 * @example
 * ```ts
 * graph.print.createPrinter({ displayName: 'Floor 3', manufacturer: 'Contoso', model: 'LX-9', certificateSigningRequest: { content, transportKey } })
 *   .pipe(result())
 *   .subscribe((printer) => console.log(printer['id']));
 * ```
 * @public
 */
export interface PrintOperations {
  /** `POST /print/printers/create`: 202 and `Operation-Location`, a `printerCreateOperation` (nested `status.state`); ends with the printer. */
  createPrinter(request: CreatePrinterRequest, options?: OperationOptions): Observable<OperationEvent<GraphResource>>;
}

/** `graph.print`: the Universal Print kinds. */
export function createPrint(run: RunKind): PrintOperations {
  return {
    createPrinter: (request, options) => {
      checkOperationOptions('createPrinter options', options);
      return run(createPrinter, [request], options);
    },
  };
}
