import * as t from 'io-ts';

/**
 * Graph's `workbookSessionInfo`: what createSession (or its
 * `sessionInfoResource`) returns. `id` goes into the `workbook-session-id` header.
 *
 * @public
 */
export interface WorkbookSessionInfo {
  /** The session's id: what the `workbook-session-id` header carries. */
  readonly id: string;
  /** Whether the session saves its changes to the file. */
  readonly persistChanges: boolean;
}

/** Decodes a `workbookSessionInfo`. */
export const WorkbookSessionInfoCodec: t.Decoder<unknown, WorkbookSessionInfo> = t.type({ id: t.string, persistChanges: t.boolean }, 'WorkbookSessionInfo');
