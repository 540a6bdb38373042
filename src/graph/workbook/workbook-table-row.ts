import * as t from 'io-ts';

/**
 * Graph's `workbookTableRow`: what `tableRowOperationResult` returns for an
 * added row.
 *
 * @public
 */
export interface WorkbookTableRow {
  readonly index: number;
  readonly values: unknown[][];
}

/** Decodes a `workbookTableRow`. */
export const WorkbookTableRowCodec: t.Decoder<unknown, WorkbookTableRow> = t.type({ index: t.number, values: t.array(t.array(t.unknown)) }, 'WorkbookTableRow');
