import type { Observable } from 'rxjs';
import { checkDuration, checkInteger, checkObject, describeValue } from '../../core/policy/validation.js';
import { refusalReason } from '../../core/url/origins.js';
import type { FileDownload } from '../../http/download-bytes.js';

/**
 * Bounds on downloading an exported report's file.
 *
 * @example
 * ```ts
 * graph.deviceManagement.downloadReport(url, { maxBytes: 64 * 1024 * 1024, timeoutMs: 120_000 });
 * ```
 * @public
 */
export interface DownloadOptions {
  /** Largest file read, in bytes: past it the download is aborted with a `ResponseTooLargeError`. @defaultValue 268435456 (256 MiB) */
  readonly maxBytes?: number;
  /** Bound on each attempt, from sending to the last byte: past it, a `RequestTimeoutError` (retried as a failed connection is). @defaultValue 600000 (10 minutes) */
  readonly timeoutMs?: number;
}

/** The default {@link DownloadOptions.maxBytes}: 256 MiB. */
export const DEFAULT_DOWNLOAD_MAX_BYTES = 256 * 1024 * 1024;
/** The default {@link DownloadOptions.timeoutMs}: 10 minutes. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 600_000;
/** The largest `maxBytes`: one array of bytes, in every engine. */
const MOST_BYTES = 2 ** 31 - 1;

/**
 * The download a `downloadReport(url, options)` call asks for, checked
 * before anything is sent: a `TypeError` for a URL that is not absolute
 * `https` (plain `http` only on loopback, as everywhere in the library) or
 * that carries a user name, a `RangeError` for bounds out of range.
 */
export function reportDownload(url: unknown, options: unknown): FileDownload {
  const checked = checkObject('downloadReport options', options, ['maxBytes', 'timeoutMs']) ?? {};
  checkInteger('downloadReport options.maxBytes', checked['maxBytes'], 1, MOST_BYTES);
  checkDuration('downloadReport options.timeoutMs', checked['timeoutMs']);
  if (typeof url !== 'string') throw new TypeError(`downloadReport needs the export's download url, a string, not ${describeValue(url)}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError('downloadReport needs an absolute URL (the export\'s download url), not a relative or malformed one');
  }
  const refusal = refusalReason(parsed);
  if (refusal) throw new TypeError(`downloadReport refuses ${parsed.origin}: ${refusal}`);
  if (parsed.username !== '' || parsed.password !== '') throw new TypeError(`downloadReport refuses a URL with a user name (${parsed.host})`);
  return {
    url: parsed.href,
    maxBytes: (checked['maxBytes'] as number | undefined) ?? DEFAULT_DOWNLOAD_MAX_BYTES,
    timeoutMs: (checked['timeoutMs'] as number | undefined) ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
  };
}

/** Downloads a checked file: the client's `downloadBytes` over its fetch, scheduler and retry policy. */
export type DownloadFile = (file: FileDownload) => Observable<Uint8Array>;
