import { throwError, type Observable } from 'rxjs';
import type * as t from 'io-ts';
import { WorkbookSessionInfo } from '../codecs/workbook-session-info.js';
import type { WorkbookOperation } from '../codecs/workbook-operation.js';
import { decodeJson } from '../codecs/decode.js';
import { ProtocolError } from '../errors/protocol-error.js';
import type { OperationEvent } from './operation-event.js';
import { fetchJson, runOperation, type FollowDefinition, type OperationOptions, type OperationRuntime } from './runOperation.js';
import { workbookOperationStatus } from './workbook-status.js';
import { resolveLocation } from './location.js';

/**
 * Options of {@link Workbook.createSession}.
 *
 * @public
 */
export interface CreateSessionOptions {
  /** `true`: changes are saved to the file; `false`: a temporary copy, lost when the session ends. */
  readonly persistChanges: boolean;
}

/**
 * The Excel workbook of one drive item.
 *
 * @example
 * ```ts
 * const book = graph.workbook('/me/drive/root:/Reports/Q1.xlsx:');
 * book.createSession({ persistChanges: true }).pipe(result()).subscribe((s) => console.log(s.id));
 * ```
 * @public
 */
export interface Workbook {
  /** Absolute URL of the drive item. */
  readonly itemUrl: string;
  /**
   * `POST …/workbook/createSession` with `Prefer: respond-async`. Emits
   * `succeeded` at once on `201 Created`; on `202 Accepted`, `accepted`, each
   * status change, then `succeeded` with the session read from
   * `resourceLocation`. A 504 is repeated (the doc prescribes it).
   */
  createSession(body: CreateSessionOptions, options?: OperationOptions): Observable<OperationEvent<WorkbookSessionInfo>>;
}

/** Follows a workbook operation and decodes what `resourceLocation` points to. */
export function workbookFollow<T>(codec: t.Decoder<unknown, T>): FollowDefinition<WorkbookOperation, T> {
  return {
    status: workbookOperationStatus,
    pollAuth: 'token',
    fetchResult: (op, location, runtime) => {
      if (!op.resourceLocation) {
        return throwError(() => new ProtocolError({ method: 'GET', url: location }, 'the operation succeeded without a resourceLocation'));
      }
      const url = resolveLocation(op.resourceLocation, location, runtime.apiRoot, { method: 'GET', url: location });
      return fetchJson(runtime, url, codec);
    },
  };
}

export function createWorkbook(runtime: OperationRuntime, itemUrl: string): Workbook {
  const workbookUrl = `${itemUrl}/workbook`;
  return {
    itemUrl,
    createSession(body, options) {
      return runOperation(
        runtime,
        {
          start: {
            method: 'POST',
            url: `${workbookUrl}/createSession`,
            headers: { prefer: 'respond-async' },
            body: { persistChanges: body.persistChanges },
            auth: 'token',
            // The createSession doc: "the appropriate response to a 504 is to repeat the request".
            idempotent: true,
          },
          syncResult: (response, context) => decodeJson(WorkbookSessionInfo, response.body, context),
          follow: workbookFollow(WorkbookSessionInfo),
        },
        options,
      );
    },
  };
}
