import {
  checkBoolean,
  checkDuration,
  checkHeaderValue,
  checkInteger,
  checkObject,
  checkOperationOptions,
  describeValue,
  isPlainObject,
} from '../../core/policy/validation.js';

/**
 * The workbook calls' arguments, checked before anything is sent: a mistake
 * is a TypeError/RangeError naming the argument, never a request.
 */

/** A managed session's options, as far as this file checks them. */
interface ManagedSessionOptionValues {
  readonly refreshIntervalMs?: unknown;
  readonly closeTimeoutMs?: unknown;
  readonly create?: unknown;
}

/** What a table-row call says about its row, besides the operation options: where, and in which session. */
export interface RowOptions {
  readonly index?: number;
  readonly sessionId?: string;
}

/** addTableRow's arguments, checked before anything is sent (also by a managed session's own call). */
export function checkAddTableRow(table: unknown, values: unknown, options: unknown): void {
  checkTableName(table);
  checkRows(values);
  checkTableRowOptions('addTableRow options', options, ['index']);
}

/** deleteTableRow's arguments, checked before anything is sent. */
export function checkDeleteTableRow(table: unknown, index: unknown, options: unknown): void {
  checkTableName(table);
  checkInteger('deleteTableRow index', index, 0, MAX_ROW_INDEX);
  if (index === undefined) throw new TypeError('deleteTableRow needs the index of the row to delete');
  checkTableRowOptions('deleteTableRow options', options);
}

/** The row part of a table-row call's options (`index`, `sessionId`), on its own: what a job or `graph.run` gives. */
export function checkRowOptions(name: string, row: unknown, withIndex: boolean): asserts row is RowOptions {
  const checked = checkObject(name, row, withIndex ? ['index', 'sessionId'] : ['sessionId']) ?? {};
  checkHeaderValue(`${name}.sessionId`, checked['sessionId']);
  checkInteger(`${name}.index`, checked['index'], 0, MAX_ROW_INDEX);
}

/** Excel's last row index: a larger one cannot exist. */
export const MAX_ROW_INDEX = 1_048_575;

/**
 * A table id or name: it goes into the path, encoded; names that decode to a
 * dot segment or carry a backslash or control character are refused, since
 * a server or proxy that decodes them would move the request elsewhere.
 */
export function checkTableName(table: unknown): asserts table is string {
  if (typeof table !== 'string' || table.trim() === '') throw new TypeError(`a table id or name is required, not ${describeValue(table)}`);
  let decoded = table;
  try {
    decoded = decodeURIComponent(table);
  } catch {
    // a stray % is just a character of the name: it is encoded on the way
  }
  if (/^\.{1,2}$/.test(decoded.trim()) || /[\\\u0000-\u001f\u007f]/.test(decoded) || /(^|\/)\.{1,2}(\/|$)/.test(decoded)) {
    throw new TypeError(`the table name ${describeValue(table)} is refused: dot segments, backslashes and control characters would move the request`);
  }
}

export function checkRows(values: unknown): void {
  if (!Array.isArray(values) || values.length === 0 || !values.every((row) => Array.isArray(row))) {
    throw new TypeError(`addTableRow values must be a non-empty array of rows, each an array of cell values (e.g. [[1, 'a']]), not ${describeValue(values)}`);
  }
}

function checkTableRowOptions(name: string, options: unknown, extra: readonly string[] = []): void {
  checkOperationOptions(name, options, ['sessionId', ...extra]);
  const given = (options ?? {}) as { sessionId?: unknown; index?: unknown };
  checkHeaderValue(`${name}.sessionId`, given.sessionId);
  checkInteger(`${name}.index`, given.index, 0, MAX_ROW_INDEX);
}

export function checkCreateSessionOptions(name: string, options: unknown, extra: readonly string[]): void {
  if (!isPlainObject(options)) {
    throw new TypeError(`${name} needs { persistChanges: true } (changes saved) or { persistChanges: false } (a temporary copy), not ${describeValue(options)}`);
  }
  checkObject(name, options, ['persistChanges', ...extra]);
  checkBoolean(`${name}.persistChanges`, options['persistChanges'], false);
}

export function checkManagedSessionOptions(name: string, options: unknown): void {
  checkCreateSessionOptions(name, options, ['refreshIntervalMs', 'closeTimeoutMs', 'create']);
  const given = options as ManagedSessionOptionValues;
  checkDuration(`${name}.refreshIntervalMs`, given.refreshIntervalMs);
  checkDuration(`${name}.closeTimeoutMs`, given.closeTimeoutMs);
  checkOperationOptions(`${name}.create`, given.create);
}

