import type { GraphErrorChain } from '../errors/error-chain.js';

// The payloads users see, as plain TypeScript types. The io-ts codecs that
// decode them (beside this file) are the library's business: their types
// would make io-ts internals part of the public API.

/**
 * Status of a workbook operation, canonical spelling (matched
 * case-insensitively; `Completed` means `succeeded`). An unknown value is
 * kept as sent and polling goes on.
 *
 * @public
 */
export type WorkbookOperationStatus = 'notStarted' | 'running' | 'succeeded' | 'failed' | (string & {});

/**
 * Graph's `workbookOperation`, the body of `GET …/workbook/operations/{id}`.
 *
 * @public
 */
export interface WorkbookOperation {
  readonly status: WorkbookOperationStatus;
  readonly id?: string;
  /** Where the result is, once `succeeded` (createSession, table row add). */
  readonly resourceLocation?: string;
  /** Why it `failed`. */
  readonly error?: GraphErrorChain;
}

/**
 * Graph's `workbookSessionInfo`: what createSession returns. `id` goes into
 * the `workbook-session-id` header.
 *
 * @public
 */
export interface WorkbookSessionInfo {
  readonly id: string;
  readonly persistChanges: boolean;
}

/**
 * Graph's `workbookTableRow`: what adding a row returns.
 *
 * @public
 */
export interface WorkbookTableRow {
  readonly index: number;
  readonly values: unknown[][];
}

/**
 * Every value of Graph's `asyncJobStatus.status`, canonical spelling
 * (matched case-insensitively); unknown values pass through.
 *
 * @public
 */
export type AsyncJobStatusValue =
  | 'notStarted'
  | 'inProgress'
  | 'completed'
  | 'updating'
  | 'failed'
  | 'deletePending'
  | 'deleteFailed'
  | 'waiting'
  | (string & {});

/**
 * The drive monitor's status report (Graph's `asyncJobStatus`).
 *
 * @public
 */
export interface AsyncJobStatus {
  readonly status: AsyncJobStatusValue;
  readonly operation?: string;
  readonly percentageComplete?: number;
  readonly resourceId?: string;
  readonly resourceLocation?: string;
  readonly statusDescription?: string;
  readonly error?: GraphErrorChain;
}

/**
 * A Graph `driveItem`, as much as the library relies on; every other
 * property the server sends is kept on the value.
 *
 * @public
 */
export interface DriveItem {
  readonly id: string;
  readonly name?: string;
  readonly size?: number;
  readonly parentReference?: { readonly driveId?: string; readonly id?: string; readonly path?: string };
  readonly [property: string]: unknown;
}

/**
 * Graph's `workbookOperationError`: the error chain of a workbook operation
 * (the same shape as every Graph error chain).
 *
 * @public
 */
export type WorkbookOperationError = GraphErrorChain;
