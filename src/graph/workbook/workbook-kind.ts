import type { Decoder } from 'rx-graph-lro';
import type { KindDefaults, ResultRule } from '../../lro/operation-kind.js';
import { DEFAULT_OPERATION_TIMEOUTS } from '../default-timeouts.js';
import { statusPathIn } from '../shared/status-path.js';
import { workbookOperationStatus, type WorkbookOperation } from './workbook-operation.js';

/** What every workbook operation shares: its status model, where its status is, and its bound. */
export const WORKBOOK_FOLLOW = {
  status: workbookOperationStatus,
  // Workbook operations live on Graph: an untrusted monitor is never polled, nor sent the session id.
  trustedOnly: true,
  statusPath: statusPathIn('workbook/operations'),
  defaults: { timeoutMs: DEFAULT_OPERATION_TIMEOUTS.workbook } satisfies KindDefaults,
} as const;

/** A workbook operation's result: read from the `resourceLocation` Graph names. */
export function workbookResult<T>(codec: Decoder<T>): ResultRule<WorkbookOperation, T> {
  return { read: 'resource', codec, named: (op) => op.resourceLocation };
}

/** The workbook of a drive item, from its address. */
export const workbookOf = (itemUrl: string): string => `${itemUrl}/workbook`;

/** A session id as the header that carries it. */
export function sessionHeaders(sessionId: string | undefined): Readonly<Record<string, string>> | undefined {
  return sessionId === undefined ? undefined : { 'workbook-session-id': sessionId };
}
