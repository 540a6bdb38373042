import * as t from 'io-ts';

/**
 * Graph's `workbookTableRow`: what `tableRowOperationResult` returns for an
 * added row.
 *
 * @public
 */
export interface WorkbookTableRow {
  /** The row's index in the table, from 0. */
  readonly index: number;
  /** The row's cell values, as a one-row range: `[[...cells]]`. */
  readonly values: unknown[][];
}

/** Decodes a `workbookTableRow`. */
export const WorkbookTableRowCodec: t.Decoder<unknown, WorkbookTableRow> = t.type({ index: t.number, values: t.array(t.array(t.unknown)) }, 'WorkbookTableRow');
