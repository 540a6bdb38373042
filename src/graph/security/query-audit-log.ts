import { EMPTY, expand, map, reduce, type Observable } from 'rxjs';
import * as t from 'io-ts';
import { ProtocolError } from '../../core/errors/protocol-error.js';
import { checkInteger, checkObject, describeValue } from '../../core/policy/validation.js';
import { operationKind, type ResultContext } from '../../lro/operation-kind.js';
import { auditLogQueryStatus } from '../models/audit-log-query.js';
import { INCLUDE_UNKNOWN_ENUM_MEMBERS } from '../shared/prefer.js';
import { statusPathIn } from '../shared/status-path.js';

/**
 * What an audit log search asks for (Graph's `security.auditLogQuery`): a
 * time window, and filters that narrow it.
 *
 * @public
 */
export interface AuditLogQueryRequest {
  /** A name for the query, shown in Purview. */
  readonly displayName?: string;
  /** ISO 8601. */
  readonly filterStartDateTime: string;
  /** ISO 8601. */
  readonly filterEndDateTime: string;
  /** Only records of these types (`sharePointFileOperation`, …). */
  readonly recordTypeFilters?: readonly string[];
  /** Only records with this keyword in their searchable fields. */
  readonly keywordFilter?: string;
  /** Only records of these workloads (`SharePoint`, `Exchange`, …). */
  readonly serviceFilters?: readonly string[];
  /** Only these operations (`FileAccessed`, …). */
  readonly operationFilters?: readonly string[];
  /** Only records of these users. */
  readonly userPrincipalNameFilters?: readonly string[];
  /** Only records from these IP addresses. */
  readonly ipAddressFilters?: readonly string[];
  /** Only records about these objects (file URLs, mail ids, …). */
  readonly objectIdFilters?: readonly string[];
  /** Only records in these administrative units. */
  readonly administrativeUnitIdFilters?: readonly string[];
}

/**
 * How many records an audit log search reads.
 *
 * @public
 */
export interface AuditLogRecordsOptions {
  /**
   * Records read at most: pages are followed until this many (the rest is
   * not read). @defaultValue 100000
   */
  readonly maxRecords?: number;
}

/**
 * One audit log record (Graph's `security.auditLogRecord`), every property as sent.
 *
 * @public
 */
export interface AuditLogRecord {
  /** The record's id. */
  readonly id: string;
  /** When the audited action happened (ISO 8601). */
  readonly createdDateTime?: string;
  /** The audited action (`FileAccessed`, …). */
  readonly operation?: string;
  /** The workload it happened in (`SharePoint`, …). */
  readonly service?: string;
  /** Who did it. */
  readonly userPrincipalName?: string;
  /** The full audit record, as the workload logged it. */
  readonly auditData?: Readonly<Record<string, unknown>>;
  /** Every other property, as Graph sent it. */
  readonly [property: string]: unknown;
}

/** Pages read at most, whatever they hold. */
const MAX_PAGES = 10_000;

/** The default bound on records read. */
export const DEFAULT_MAX_AUDIT_RECORDS = 100_000;

const LIST_FILTERS = ['recordTypeFilters', 'serviceFilters', 'operationFilters', 'userPrincipalNameFilters', 'ipAddressFilters', 'objectIdFilters', 'administrativeUnitIdFilters'] as const;

function checkQuery(query: unknown): Record<string, unknown> {
  const checked = checkObject('queryAuditLog query', query, ['displayName', 'filterStartDateTime', 'filterEndDateTime', 'keywordFilter', ...LIST_FILTERS], false)!;
  for (const key of ['filterStartDateTime', 'filterEndDateTime'] as const) {
    const value = checked[key];
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new TypeError(`queryAuditLog query.${key} must be an ISO 8601 date-time, not ${describeValue(value)}`);
  }
  if (Date.parse(checked['filterStartDateTime'] as string) > Date.parse(checked['filterEndDateTime'] as string)) {
    throw new RangeError('queryAuditLog query.filterStartDateTime must not be after filterEndDateTime');
  }
  for (const key of ['displayName', 'keywordFilter'] as const) {
    if (checked[key] !== undefined && typeof checked[key] !== 'string') throw new TypeError(`queryAuditLog query.${key} must be a string, not ${describeValue(checked[key])}`);
  }
  for (const key of LIST_FILTERS) {
    const value = checked[key];
    if (value !== undefined && (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))) throw new TypeError(`queryAuditLog query.${key} must be an array of strings, not ${describeValue(value)}`);
  }
  return checked;
}

/** One page of records: `value`, and where the next page is. */
interface RecordsPage {
  readonly value: readonly AuditLogRecord[];
  readonly '@odata.nextLink'?: string;
}

/** Decodes a page: every record an object with a string `id`, every other property kept. */
const RecordsPage: t.Decoder<unknown, RecordsPage> = t.intersection([
  t.type({ value: t.array(t.intersection([t.type({ id: t.string }), t.UnknownRecord])) }),
  t.partial({ '@odata.nextLink': t.string }),
]);

/**
 * Every record of a succeeded query, page after page, up to `maxRecords`.
 * A next page is read only where Graph's `@odata.nextLink` points on an
 * origin trusted with the token (anything else ends the reading with a
 * `ProtocolError`, rather than sending the token there).
 */
function readRecords(context: ResultContext, maxRecords: number): Observable<readonly AuditLogRecord[]> {
  const first = `${context.location.replace(/[?#].*$/, '').replace(/\/+$/, '')}/records`;
  let records = 0;
  const seen = new Set<string>([first]);
  return context.get(first, RecordsPage).pipe(
    expand((page: RecordsPage) => {
      records += page.value.length;
      const next = page['@odata.nextLink'];
      if (next === undefined || next === '' || records >= maxRecords) return EMPTY;
      const refuse = (reason: string) => new ProtocolError({ method: 'GET', url: first }, { reason });
      // A server that pages in circles, or sends empty pages for ever, must not read for ever.
      if (seen.has(next) || seen.size >= MAX_PAGES) throw refuse(`the records page forever (a next page seen before, or more than ${MAX_PAGES} pages)`);
      if (!context.trusted(next)) throw refuse('the next page of records is on an origin not trusted with the token');
      seen.add(next);
      return context.get(next, RecordsPage);
    }),
    map((page) => page.value),
    reduce((all, records) => (all.length >= maxRecords ? all : all.concat(records.slice(0, maxRecords - all.length))), [] as readonly AuditLogRecord[]),
  );
}

/**
 * `security.queryAuditLog`: `POST /security/auditLog/queries`. Graph answers
 * `201 Created` with the query; it is polled until it ends (`cancelled` is a
 * failure), then its records are read at `…/queries/{id}/records`, following
 * `@odata.nextLink` page after page, up to `maxRecords`.
 */
export const queryAuditLog = operationKind({
  name: 'security.queryAuditLog',
  prepare: ([query, records]: readonly [query: AuditLogQueryRequest, records?: AuditLogRecordsOptions]) => {
    const body = checkQuery(query);
    const options = checkObject('queryAuditLog records options', records, ['maxRecords']) ?? {};
    checkInteger('queryAuditLog records options.maxRecords', options['maxRecords'], 1, 10_000_000);
    return { start: { method: 'POST', url: '/security/auditLog/queries', body }, resultOptions: { maxRecords: options['maxRecords'] ?? DEFAULT_MAX_AUDIT_RECORDS } };
  },
  idempotent: false,
  callOptions: { at: 1, own: ['maxRecords'] },
  status: auditLogQueryStatus,
  statusPath: statusPathIn('security/auditLog/queries'),
  pollHeaders: INCLUDE_UNKNOWN_ENUM_MEMBERS,
  job: { ended: 'follow' },
  result: {
    read: 'custom',
    fetch: (_query, context) => {
      const bound = context.options['maxRecords'];
      return readRecords(context, typeof bound === 'number' ? bound : DEFAULT_MAX_AUDIT_RECORDS);
    },
  },
  sync: 'refuse',
});
